import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

// The statement's HTML printed to PDF by Debian's Chromium (issue #16), for
// the file an accountant keeps: the same page as on screen. Chromium is
// spawned per document, one at a time (each is a browser: ~150 MB), with its
// own profile in a temporary directory.

const RENDER_TIMEOUT_MS = 60_000;

/** The first executable `chromium` (or `chromium-browser`) on `path` (the PATH variable's value). */
export function chromiumOnPath(path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean))
    for (const name of ['chromium', 'chromium-browser']) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  return undefined;
}

/** Prints `html` to a PDF without the browser's header and footer, one document at a time. */
export function createPdfPrinter(): (html: string, chromium: string) => Promise<Buffer> {
  let queue: Promise<unknown> = Promise.resolve();
  return (html, chromium) => {
    const run = queue.then(() => render(html, chromium));
    queue = run.catch(() => undefined);
    return run;
  };
}

async function render(html: string, chromium: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'sla-statement-'));
  try {
    const page = join(dir, 'statement.html');
    const pdf = join(dir, 'statement.pdf');
    await writeFile(page, html);
    const args = [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${page}`,
    ];
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: RENDER_TIMEOUT_MS });
      let text = '';
      child.stderr.on('data', (chunk: Buffer) => { text = (text + chunk.toString()).slice(-4000); });
      child.on('error', reject);
      child.on('close', (code, signal) => (code === 0 ? resolve(text) : reject(new Error(`chromium exited with ${code ?? signal}: ${text.trim().split('\n').at(-1) ?? ''}`))));
    });
    return await readFile(pdf).catch(() => {
      throw new Error(`chromium wrote no PDF: ${stderr.trim().split('\n').at(-1) ?? ''}`);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
