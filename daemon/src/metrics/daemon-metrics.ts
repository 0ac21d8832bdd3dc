import type { QuorumView } from '../leadership/quorum-read.ts';
import type { Config } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import type { Tracker } from '../detection/tracker.ts';
import type { Logger } from '../logger.ts';
import type { LedgerMetricSource } from './ledger-families.ts';
import type { MaintenanceMetricSource } from './maintenance-families.ts';
import type { OutboxMetricSource } from './outbox-families.ts';
import type { TicketMetricSource } from './ticket-families.ts';
import type { BreachMetricSource } from './breach-families.ts';
import { readOpenOutages, readOutageSeconds } from './outage-seconds.ts';
import type { PublicReadModel } from '../public/read-model.ts';
import type { Metrics } from './metrics.ts';
import { createMetrics } from './registry.ts';
import { createUptimeReader } from './uptime.ts';

export interface DaemonMetricsOptions {
  db: Kysely<Database>;
  tracker: Tracker;
  config: () => Config;
  clock: Clock;
  logger: Logger;
  /** The status page's read side: sla_uptime_ratio is its figure (uptime.ts). */
  publicRead: PublicReadModel;
  version?: string;
  /** The ledger's and maintenance windows' sources (ledger-source.ts, maintenance-source.ts); their families exist only when given. */
  ledger?: LedgerMetricSource;
  maintenance?: MaintenanceMetricSource;
  /** Every location's votes (issue #14). */
  quorum?: () => Promise<QuorumView>;
  tickets?: TicketMetricSource;
  breaches?: BreachMetricSource;
  /** The outbox's messages by channel and state (issue #15). */
  outbox?: OutboxMetricSource;
}

/** The metrics of a running daemon, with every source read from its database. */
export function createDaemonMetrics(o: DaemonMetricsOptions): Metrics {
  const uptime = createUptimeReader(o.publicRead);
  const metrics = createMetrics(
    {
      config: o.config,
      componentStatus: (id) => o.tracker.status(id),
      openOutages: () => readOpenOutages(o.db),
      outageSeconds: () => readOutageSeconds(o.db),
      uptime,
      ledger: o.ledger,
      maintenance: o.maintenance,
      quorum: o.quorum,
      tickets: o.tickets,
      breaches: o.breaches,
      outbox: o.outbox,
    },
    { now: o.clock.now, monotonic: o.clock.monotonic, onError: o.logger.error },
  );
  metrics.buildInfo.set({ version: o.version ?? '0.0.0', node_version: process.version }, 1);
  return metrics;
}
