import { basename, resolve } from 'node:path';
import type { CliCommand } from '../command.ts';
import { readCaseFile } from './case-file-reader.ts';
import { callDaemon, refusalText } from './daemon-client.ts';

const USAGE = 'usage: sla facts import CASE.json|CASE.yaml [--source TEXT]   (SLA_URL, SLA_TOKEN of an admin)\n';

/**
 * `sla facts import CASE [--source TEXT]` (docs/contract.md §1.5): a case
 * file's facts into the daemon's stores through its API (POST
 * /api/v1/facts/import), as every other operator command reaches it; the
 * source (default: the file's name) is written beside every fact. Importing
 * the same file again changes nothing. Problems: exit 2, one per line, by
 * their path in the case file.
 */
export const command: CliCommand = {
  summary: "import a case file's facts for historical data (idempotent)",
  async run(args, io) {
    const [action, file, ...rest] = args;
    const source = rest[0] === '--source' && rest.length === 2 ? rest[1] : rest.length === 0 && file !== undefined ? `case file ${basename(file)}` : undefined;
    if (action !== 'import' || file === undefined || file.startsWith('-') || source === undefined) {
      io.stderr(USAGE);
      return 2;
    }
    const read = await readCaseFile(resolve(io.cwd, file));
    if (!read.ok) {
      io.stderr(`${file}: ${read.message}\n`);
      return 2;
    }
    const answer = await callDaemon(io, 'POST', '/api/v1/facts/import', { caseFile: read.value, source });
    if (!answer.reached) {
      io.stderr(`${answer.message}\n`);
      return 1;
    }
    if (answer.status !== 200) {
      // The daemon names each problem `caseFile.PATH: …`; here the file is the case file.
      io.stderr(`${refusalText(answer.status, answer.body).replaceAll(/^caseFile\./gm, `${file}: `)}\n`);
      return answer.status < 500 ? 2 : 1;
    }
    io.stdout(`${JSON.stringify(answer.body, null, 2)}\n`);
    return 0;
  },
};
