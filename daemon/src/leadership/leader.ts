import type { Logger } from '../logger.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { connectLocks, holdsLeaderLock, LocationTakenError, type LockConnection, type LockConnectionOptions } from './locks.ts';

/** What only the leader does (issue #14): detection, the ledger's recomputes, the calendar jobs, the outbox. */
export interface LeaderDuties {
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

export interface Leadership {
  location: string;
  leading: () => boolean;
  /**
   * Begins electing: `duties` start each time this daemon wins the lead and stop each time it loses it.
   * Resolves once the first try is over, with the duties started if it won, so a daemon that leads
   * from its start serves nothing before its writing tracker is in place.
   */
  run: (duties: LeaderDuties) => Promise<void>;
  /**
   * Of `locations`, the daemons alive on this database now (issue #14: a dead
   * location's votes do not count). Rejects while it cannot tell.
   */
  alive: (locations: readonly string[]) => Promise<string[]>;
  /**
   * Issue #14's fence, called inside the transaction of a leader's write:
   * rejects (NotLeadingError) unless this daemon still holds the lead, so a
   * write in flight from a leader that just lost its lock is rolled back.
   */
  fence: (tx: Kysely<Database>) => Promise<void>;
  /**
   * Issue #15: `listener` runs when a transaction of any daemon on this
   * database that NOTIFYs `channel` commits (PostgreSQL LISTEN on the lock
   * connection, and on each one that replaces it). Nothing on PGlite: its one
   * daemon's own writes are all there are, and it hears them in-process.
   * Resolves once listening (a failure is logged, not thrown: the poll remains).
   */
  listen: (channel: string, listener: () => void) => Promise<void>;
  /** Whether other daemons may share the database (PostgreSQL); false for the only one (PGlite, in-process tests). */
  shared: boolean;
  /** Stops electing and leading, and releases the locks. */
  close: () => Promise<void>;
}

/** A leader's write refused by the fence: this daemon no longer leads. */
export class NotLeadingError extends Error {
  constructor(location: string) {
    super(`location ${location} no longer leads this database: the write is left to the leader`);
    this.name = 'NotLeadingError';
  }
}

/** Schedules `fn` after `ms`; returns its cancel. Injected so tests drive the retries. */
export type Timer = (fn: () => void, ms: number) => () => void;

export const realTimer: Timer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
};

export interface ClaimOptions extends LockConnectionOptions {
  location: string;
  logger: Logger;
  /** How often a follower tries to take the lead, and a leader checks its connection; default 1 s. */
  everyMs?: number;
  timer?: Timer;
}

/**
 * One daemon per location, one leader per database, on PostgreSQL session
 * advisory locks (leadership/locks.ts). Refuses a location another live daemon
 * holds (LocationTakenError, thrown before anything starts). A follower tries
 * for the lead every `everyMs`; a leader checks its connection as often and,
 * when it is gone, stops leading at once and goes back to trying.
 */
export async function claimLocation(url: string, o: ClaimOptions): Promise<Leadership> {
  const everyMs = o.everyMs ?? 1_000;
  const timer = o.timer ?? realTimer;
  const first = await connectLocks(url, o);
  if (!(await first.tryLocation(o.location))) {
    await first.close();
    throw new LocationTakenError(o.location);
  }
  let conn: LockConnection | undefined = first;
  let leading = false;
  let closed = false;
  let duties: LeaderDuties | undefined;
  let cancel: (() => void) | undefined;
  // Duties start and stop one after the other, never overlapping.
  let transitions: Promise<void> = Promise.resolve();
  const transition = (step: (d: LeaderDuties) => Promise<void>, what: string) => {
    const d = duties;
    if (d === undefined) return;
    transitions = transitions.then(() => step(d)).catch((error) => o.logger.error(`leader duties: ${what} failed`, error));
  };

  const lose = (reason: string) => {
    const was = conn;
    conn = undefined;
    void was?.close();
    if (!leading) return;
    leading = false;
    o.logger.warn(`location ${o.location}: stopped leading (${reason}); trying again every ${everyMs} ms`);
    transition((d) => d.stop(), 'stop');
  };
  const watch = (c: LockConnection) => c.onLost((error) => conn === c && lose(`lock connection lost${error ? `: ${error.message}` : ''}`));
  watch(first);
  const listening = new Map<string, () => void>();
  // A notification missed while a connection was being replaced is left to the listener's own poll.
  const hear = (c: LockConnection, channel: string, listener: () => void) => c.listen(channel, listener).catch((error: Error) => o.logger.warn(`location ${o.location}: LISTEN ${channel} failed: ${error.message}`));

  const tick = async () => {
    if (conn === undefined) {
      const c = await connectLocks(url, o);
      if (!(await c.tryLocation(o.location))) {
        await c.close();
        o.logger.error(`location ${o.location}: taken by another daemon while our lock connection was down; not probing under it is the operator's call`);
        return;
      }
      conn = c;
      watch(c);
      await Promise.all([...listening].map(([channel, listener]) => hear(c, channel, listener)));
    }
    const c = conn;
    if (leading) return void (await c.ping());
    if (!(await c.tryLeader())) return;
    if (closed || conn !== c) return;
    leading = true;
    o.logger.info(`location ${o.location}: leading`);
    let started = true;
    transition(async (d) => {
      try {
        await d.start();
      } catch (error) {
        started = false;
        throw error;
      }
    }, 'start');
    await transitions;
    // Leading with duties half started writes nothing and blocks every other
    // daemon: give the lead up (the lock goes with the connection) and try again.
    if (!started && leading && conn === c) lose('its duties failed to start');
  };
  const loop = () => {
    cancel = timer(() => {
      void tick()
        .catch((error: Error) => lose(`lock connection failed: ${error.message}`))
        .finally(() => {
          if (!closed) loop();
        });
    }, everyMs);
  };

  return {
    location: o.location,
    leading: () => leading,
    shared: true,
    listen: async (channel, listener) => {
      listening.set(channel, listener);
      if (conn !== undefined) await hear(conn, channel, listener);
    },
    fence: async (tx) => {
      const c = conn;
      if (!leading || c === undefined || !(await holdsLeaderLock(tx, c.pid))) throw new NotLeadingError(o.location);
    },
    alive: async (locations) => {
      if (conn === undefined) throw new Error('the lock connection is down: which locations are alive is unknown');
      return conn.heldLocations(locations);
    },
    run: (d) => {
      duties = d;
      // The first try now, not a tick later: a lone daemon leads from its start.
      return tick()
        .catch((error: Error) => lose(`lock connection failed: ${error.message}`))
        .finally(() => {
          if (!closed) loop();
        });
    },
    close: async () => {
      closed = true;
      cancel?.();
      if (leading) {
        leading = false;
        transition((d) => d.stop(), 'stop');
      }
      await transitions;
      const c = conn;
      conn = undefined;
      await c?.close();
    },
  };
}

/** PGlite: one process per folder (db/lock.ts), so the only daemon leads; and in-process tests. */
export function soleLeader(location: string): Leadership {
  let duties: LeaderDuties | undefined;
  let leading = false;
  let started: Promise<void> = Promise.resolve();
  return {
    location,
    leading: () => leading,
    shared: false,
    listen: async () => {},
    fence: async () => {
      if (!leading) throw new NotLeadingError(location);
    },
    alive: async (locations) => locations.filter((l) => l === location),
    run: (d) => {
      duties = d;
      leading = true;
      // The only daemon: a start that fails fails the daemon's start, loudly.
      started = d.start();
      return started;
    },
    close: async () => {
      await started.catch(() => undefined);
      if (leading) await duties?.stop();
      leading = false;
    },
  };
}
