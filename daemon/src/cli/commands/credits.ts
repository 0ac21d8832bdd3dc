import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { computeStatement, parseCaseFile, statementJsonChunks, statementTextChunks } from '@sla/shared';
import type { CliCommand } from '../command.ts';

const USAGE = 'usage: sla credits CASE.json|CASE.yaml [--json]\n';

/**
 * `pnpm sla credits CASE [--json]` (docs/case-file.md): the engine on a case file.
 * Invalid input: exit 2, nothing on stdout, one `path: message` line per problem on stderr.
 */
export const command: CliCommand = {
  summary: 'compute the credits of a case file (JSON or YAML); --json for the documented shape',
  async run(args, io) {
    const json = args.includes('--json');
    const files = args.filter((arg) => arg !== '--json');
    const [file] = files;
    if (file === undefined || files.length > 1 || file.startsWith('-')) {
      io.stderr(USAGE);
      return 2;
    }
    const document = await readCaseFile(resolve(io.cwd, file));
    if (!document.ok) {
      io.stderr(`${file}: ${document.message}\n`);
      return 2;
    }
    const parsed = parseCaseFile(document.value);
    if (!parsed.ok) {
      io.stderr(parsed.problems.map((problem) => `${problem}\n`).join(''));
      return 2;
    }
    const statement = computeStatement(parsed.caseFile);
    // In pieces: a year of thousands of contracts outgrows one string.
    for (const chunk of (json ? statementJsonChunks : statementTextChunks)(statement)) io.stdout(chunk);
    return 0;
  },
};

type Read = { ok: true; value: unknown } | { ok: false; message: string };

/** The file's document, by its extension: `.json`, or `.yaml` / `.yml` (docs/case-file.md). */
async function readCaseFile(path: string): Promise<Read> {
  const extension = extname(path).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) return { ok: false, message: 'not a case file: expected a .json, .yaml or .yml file' };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return { ok: false, message: `cannot read case file: ${why}` };
  }
  try {
    return { ok: true, value: extension === '.json' ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true }) };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    return { ok: false, message: `not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${message}` };
  }
}
