import type { CliCommand } from './command.ts';

// One line per command; each lives in its own file under ./commands/.
export const commands: Record<string, () => Promise<{ command: CliCommand }>> = {
  'check-config': () => import('./commands/check-config.ts'),
  credits: () => import('./commands/credits.ts'),
  migrate: () => import('./commands/migrate.ts'),
  openslo: () => import('./commands/openslo.ts'),
  token: () => import('./commands/token.ts'),
};
