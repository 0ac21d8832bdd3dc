import type { QuorumView } from '../leadership/quorum-read.ts';
import type { Config } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Tracker } from '../detection/tracker.ts';
import type { LedgerService } from '../ledger/service.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { OutboxBell } from '../outbox/bell.ts';
import type { PublicReadModel } from '../public/read-model.ts';

export interface Health {
  database: () => Promise<boolean>;
  schedulerRunning: () => boolean;
  /** Epoch ms of the last completed probe, if any. */
  lastProbeAt: () => number | undefined;
  /** Epoch ms since which the database has not answered the daemon's writes, if it does not (issue #12). */
  databaseDownSince?: () => number | undefined;
  /** This daemon's probing location (issue #14). */
  location?: string;
  /** Whether it leads its database: detection, ledger, calendar jobs and outbox (issue #14). */
  leading?: () => boolean;
}

/** What the routes read; passed in, never imported (docs/conventions.md §4). */
export interface ServerDeps {
  db: Kysely<Database>;
  tracker: Tracker;
  metrics: Metrics;
  /** The public read side, built once by daemon.ts (issue #13); every public route reads through it. */
  publicRead: PublicReadModel;
  health: Health;
  config: () => Config;
  ledger: LedgerService;
  now: () => number;
  /** Issue #12: config server.publicUrl, else the address the daemon listens on; absolute links and cache keys use it, never Host. */
  publicUrl: () => string;
  logger: { info: (msg: string) => void; error: (msg: string, error?: unknown) => void };
  /** Every location's votes and whether each counts (issue #14). */
  quorum: () => Promise<QuorumView>;
  /** Issue #15: the key that signs subscription links (the variable notify.subscriptions.secretEnv names), when subscriptions are offered. */
  subscriptionKey?: () => string | undefined;
  /** Rung after a write that queued messages commits, so the leader's outbox sends them at once (issue #15). */
  outboxBell: Pick<OutboxBell, 'ring'>;
}
