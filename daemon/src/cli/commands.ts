import type { CliCommand } from './command.ts';

/** A group of the operators' API on the command line (api-group.ts), generated from the route specs. */
const api = (group: string) => async () => ({ command: (await import('./commands/api-group.ts')).apiGroupCommand(group) });

// One line per command; each lives in its own file under ./commands/.
export const commands: Record<string, () => Promise<{ command: CliCommand }>> = {
  'check-config': () => import('./commands/check-config.ts'),
  credits: () => import('./commands/credits.ts'),
  facts: () => import('./commands/facts.ts'),
  migrate: () => import('./commands/migrate.ts'),
  openslo: () => import('./commands/openslo.ts'),
  token: () => import('./commands/token.ts'),
  apologies: api('apologies'),
  audit: api('audit'),
  breaches: api('breaches'),
  bugs: api('bugs'),
  contacts: api('contacts'),
  contracts: api('contracts'),
  fm: api('fm'),
  incidents: api('incidents'),
  ledger: api('ledger'),
  locations: api('locations'),
  maintenance: api('maintenance'),
  outages: api('outages'),
  outbox: api('outbox'),
  renewals: api('renewals'),
  security: api('security'),
  suspects: api('suspects'),
  subscriptions: api('subscriptions'),
  tickets: api('tickets'),
};
