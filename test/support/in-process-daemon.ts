import { parseConfig, type Env } from '@sla/shared';
import type { Clock } from '../../daemon/src/clock.ts';
import { startDaemon, type Daemon } from '../../daemon/src/daemon.ts';
import type { OpenedDatabase } from '../../daemon/src/db/open.ts';
import { openTestDatabase, type TestDatabaseKind } from '../../daemon/src/db/testing.ts';
import type { Logger } from '../../daemon/src/logger.ts';
import { testClock, type TestClock } from '../../daemon/src/testing/clock.ts';

const quiet: Logger = { info: () => {}, warn: () => {}, error: (m, e) => console.error(m, e) };

/**
 * The daemon in this process on a fresh test database. API only by default (no
 * status-site build needed); `statusSite: true` mounts the built site too.
 * The daemon runs on a test clock a test advances rather than wait (issue #13);
 * `clock` replaces it where a test needs one fixed instant (the examples).
 */
export async function startTestDaemon(
  kind: TestDatabaseKind,
  yaml: string,
  opts: { statusSite?: boolean; clock?: Clock; outboxPollMs?: number; env?: Env } = {},
): Promise<{ daemon: Daemon; db: OpenedDatabase; clock: TestClock; stop: () => Promise<void> }> {
  const parsed = parseConfig(yaml, 'test.yaml', opts.env);
  if (!parsed.ok) throw new Error(`test config invalid: ${JSON.stringify(parsed.problems)}`);
  const db = await openTestDatabase(kind);
  const clock = testClock();
  const daemon = await startDaemon({ config: parsed.config, db: db.db, clock: opts.clock ?? clock, logger: quiet, port: 0, statusSite: opts.statusSite ?? false, outboxPollMs: opts.outboxPollMs, env: opts.env });
  return {
    daemon,
    db,
    clock,
    stop: async () => {
      await daemon.stop();
      await db.close();
    },
  };
}
