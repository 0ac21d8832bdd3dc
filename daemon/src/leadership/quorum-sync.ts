import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Tracker } from '../detection/tracker.ts';
import { saveLocation } from '../detection/location-vote.repository.ts';
import type { Logger } from '../logger.ts';
import { realTimer, type Leadership, type Timer } from './leader.ts';
import { countVotes } from './quorum-read.ts';
import { voteCache } from './vote-cache.ts';

export interface QuorumSyncOptions {
  db: Kysely<Database>;
  tracker: Tracker;
  leadership: Leadership;
  /** Whether this location believes itself cut off now (every canary fails). */
  isolated: () => boolean;
  now: () => number;
  logger: Logger;
  /** Default 1 s: well inside one probe interval, so a quorum forms or breaks within one (issue #14). */
  everyMs?: number;
  timer?: Timer;
  /** How often the other locations' votes are read whole, not only those changed (vote-cache.ts); default 60 s. */
  fullReadEveryMs?: number;
  /** Issue #15: runs in the transaction that publishes this location isolated (was not before): the operators' alert. */
  onIsolated?: (tx: Kysely<Database>, location: string, at: number) => Promise<void>;
}

/**
 * Issue #14: publishes whether this location is isolated, and — where other
 * daemons may share the database — feeds the tracker the votes of the other
 * locations that count, each `everyMs`. The leader's tracker then opens and
 * closes outages on the quorum; a follower's shows the same agreed status.
 * Alone on its database (PGlite) a daemon only publishes: its own votes are
 * the quorum, as before. Each tick reads only the votes written since the
 * last (vote-cache.ts), and the tracker re-agrees only when a vote or the set
 * of counted locations changed.
 */
export function startQuorumSync(o: QuorumSyncOptions): { tick: () => Promise<void>; stop: () => Promise<void> } {
  const timer = o.timer ?? realTimer;
  const location = o.leadership.location;
  let published: boolean | undefined;
  let stopped = false;
  let cancel: (() => void) | undefined;
  let running: Promise<void> = Promise.resolve();
  let failing = false;
  const votes = voteCache(o.db, location, { now: o.now, fullEveryMs: o.fullReadEveryMs });
  // Whether the tracker has yet to see the votes read, and the counted locations it saw them with.
  let stale = true;
  let refreshed: string | undefined;

  const tick = async () => {
    const isolated = o.isolated();
    if (isolated !== published) {
      const changedAt = o.now();
      await o.db.transaction().execute(async (tx) => {
        const before = isolated ? await tx.selectFrom('probe_locations').select('isolated').where('location', '=', location).executeTakeFirst() : undefined;
        await saveLocation(tx, { location, isolated, changedAt });
        if (isolated && before?.isolated !== true) await o.onIsolated?.(tx, location, changedAt);
      });
      published = isolated;
    }
    if (!o.leadership.shared) return;
    const read = await votes.read();
    stale ||= read.changed;
    const view = await countVotes(o.db, o.leadership, read.votes);
    const counted = `${isolated} ${view.locations.filter((l) => l.counted).map((l) => l.location)}`;
    // Nothing changed, no location came or went: the tracker would agree the same again.
    if (!stale && counted === refreshed) return;
    await o.tracker.refresh(
      view.votes.filter((v) => v.counted),
      !isolated,
    );
    stale = false;
    refreshed = counted;
  };
  const loop = () => {
    cancel = timer(() => {
      running = tick()
        .then(() => {
          if (failing) o.logger.info(`location ${location}: reading the other locations' votes again`);
          failing = false;
        })
        .catch((error) => {
          // The database is away: the next tick retries; logged once per spell.
          if (!failing) o.logger.warn(`location ${location}: reading the other locations' votes failed: ${(error as Error).message}`);
          failing = true;
        })
        .finally(() => {
          if (!stopped) loop();
        });
    }, o.everyMs ?? 1_000);
  };
  loop();
  return {
    tick,
    stop: async () => {
      stopped = true;
      cancel?.();
      await running;
    },
  };
}
