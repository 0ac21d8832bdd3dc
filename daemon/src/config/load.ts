import { configFromDocument, type ConfigDocumentResult, type ConfigResult, type Env } from '@sla/shared';
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { readConfigDocument } from './read.ts';

const WORKER = new URL('./load-worker.ts', import.meta.url);

/**
 * Issue #13: a thread costs ~0.3 s of CPU to start (its own module graph: zod,
 * yaml, the schema), more than the parse of a config of a few hundred
 * monitors, whose syntax tree is a few MB at most. Only a file larger than
 * this goes to a thread; the RSS problem below starts in the megabytes.
 */
export const THREAD_ABOVE_BYTES = 256 * 1024;

/**
 * Reads and validates a config file — a large one in a thread of its own,
 * which ends once it has handed the result back; a missing or unreadable file
 * is a problem like any other.
 *
 * Issue #7: YAML's syntax tree of a 20,000-monitor file (2.6 MB) takes
 * ~190 MB of heap for the few seconds of the parse and leaves a ~15 MB
 * config. On the daemon's own heap V8 kept those pages for good (RSS 350 MB
 * before the first probe); a thread's heap is returned to the system when
 * the thread ends. It also keeps a SIGHUP reload from holding the event
 * loop (and so every probe) for those seconds. A Config holds Temporal
 * values, which structured clone does not carry: the thread hands back the
 * validated YAML document as plain data, and its Config is made here.
 * `env`: where the secrets that monitors' `auth` names must be (issue #14).
 */
export async function loadConfigFile(path: string, env: Env = process.env, o: { threadAboveBytes?: number } = {}): Promise<ConfigResult> {
  const size = await stat(path).then((s) => s.size, () => 0);
  if (size <= (o.threadAboveBytes ?? THREAD_ABOVE_BYTES)) return configOf(await readConfigDocument(path, env));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { path, env } });
    let result: ConfigDocumentResult | undefined;
    worker.once('message', (message: ConfigDocumentResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result === undefined) reject(new Error(`the config thread ended (code ${code}) without a result`));
      else resolve(configOf(result));
    });
  });
}

// Validated already; validating the plain document again is what makes its Config (~0.3 s at 20,000 monitors).
function configOf(result: ConfigDocumentResult): ConfigResult {
  return result.ok ? { ok: true, config: configFromDocument(result.document) } : result;
}
