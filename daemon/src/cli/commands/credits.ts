import { resolve } from 'node:path';
import { computeStatement, parseCaseFile, statementJsonChunks, statementTextChunks } from '@sla/shared';
import type { CliCommand } from '../command.ts';
import { readCaseFile } from './case-file-reader.ts';
import { whatIf } from './what-if.ts';

const USAGE = 'usage: sla credits CASE.json|CASE.yaml [--json]\n       sla credits --what-if FACT.json (--contract ID | CASE.json) [--json]   (SLA_URL, SLA_TOKEN)\n';

/**
 * `pnpm sla credits CASE [--json]` (docs/case-file.md): the engine on a case file.
 * Invalid input: exit 2, nothing on stdout, one `path: message` line per problem on stderr.
 */
export const command: CliCommand = {
  summary: 'compute the credits of a case file (JSON or YAML); --json for the documented shape; --what-if FACT for what one more fact would change',
  async run(args, io) {
    const json = args.includes('--json');
    const flags = new Map<string, string>();
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--what-if' || arg === '--contract') {
        const value = args[++i];
        if (value === undefined || flags.has(arg)) return usage(io);
        flags.set(arg, value);
      } else if (arg !== '--json') files.push(arg);
    }
    const [file] = files;
    if (files.length > 1 || file?.startsWith('-')) return usage(io);
    const fact = flags.get('--what-if');
    const contract = flags.get('--contract');
    // docs/contract.md §1.5: one more fact against the stored ones, from a case file or the daemon's; nothing saved.
    if (fact !== undefined) return (file === undefined) === (contract === undefined) ? usage(io) : whatIf({ caseFile: file, contract, fact, json }, io);
    if (file === undefined || contract !== undefined) return usage(io);
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

function usage(io: { stderr: (text: string) => void }): number {
  io.stderr(USAGE);
  return 2;
}

