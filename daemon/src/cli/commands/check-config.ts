import { resolve } from 'node:path';
import { configWarnings, formatProblem } from '@sla/shared';
import { loadConfigFile } from '../../config/load.ts';
import type { CliCommand } from '../command.ts';

/** `pnpm sla check-config FILE`: exit 0 when valid (warnings on stderr), 2 with every problem (file:line: path: message) when not. */
export const command: CliCommand = {
  summary: 'validate a config file: exit 0, or 2 with every problem',
  async run(args, io) {
    const [file] = args;
    if (file === undefined || args.length > 1) {
      io.stderr('usage: sla check-config FILE\n');
      return 2;
    }
    const result = await loadConfigFile(resolve(io.cwd, file), io.env);
    if (!result.ok) {
      for (const p of result.problems) io.stderr(`${formatProblem({ ...p, file })}\n`);
      return 2;
    }
    const c = result.config;
    for (const w of configWarnings(c)) io.stderr(`${file}: warning: ${w.path}: ${w.message}\n`);
    io.stdout(`${file}: ok (${c.components.length} components, ${c.monitors.length} monitors, ${c.contracts.length} contracts)\n`);
    return 0;
  },
};
