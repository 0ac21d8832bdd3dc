import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Failure } from '../detection/detector.ts';
import { endSuspect, ongoingSuspects, startSuspect } from './suspect.repository.ts';

export interface SuspectRecorder {
  /** A result of the monitor stored as unknown because the prober believed itself cut off. */
  isolated: (monitorId: string, componentId: string, at: number, failure: Failure | undefined) => Promise<void>;
  /** A result of the monitor that counts: its ongoing suspect period, if any, ends here. */
  counted: (monitorId: string, at: number) => Promise<void>;
  /** Reads the ongoing periods again: a daemon that takes the lead continues the last leader's rows. */
  reload: () => Promise<void>;
}

/**
 * Keeps one row per run of isolated results of a monitor (issue #14), so a
 * total outage the prober took for its own cut-off is listed for an operator
 * instead of lost. A write that fails is retried with the monitor's next
 * result: the in-memory state changes only once the row is written.
 */
export async function createSuspectRecorder(db: Kysely<Database>, active: () => boolean): Promise<SuspectRecorder> {
  let ongoing = await ongoingSuspects(db);
  return {
    // Only the leader writes them (issue #14): one row per monitor's run, whichever location saw it first.
    isolated: async (monitorId, componentId, at, failure) => {
      if (!active() || ongoing.has(monitorId)) return;
      ongoing.set(monitorId, await startSuspect(db, { monitorId, componentId, at: new Date(at), failure }));
    },
    counted: async (monitorId, at) => {
      const id = ongoing.get(monitorId);
      if (!active() || id === undefined) return;
      await endSuspect(db, id, new Date(at));
      ongoing.delete(monitorId);
    },
    reload: async () => {
      ongoing = await ongoingSuspects(db);
    },
  };
}
