import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ProbeResultTable } from './result.table.ts';

export type NewResult = Insertable<ProbeResultTable>;

export interface ResultWriter {
  push: (row: NewResult) => void;
  /** Writes what is buffered now; resolves when it is committed. */
  flush: () => Promise<void>;
  /** Stops the timer and writes the rest. */
  close: () => Promise<void>;
  pending: () => number;
}

export interface ResultWriterOptions {
  db: Kysely<Database>;
  /** Stamped on every row (issue #14): the daemon's location; default 'local', the column's default. */
  location?: string;
  /** Issue #2: results reach the database at least every second. */
  flushEveryMs?: number;
  /** Rows per INSERT; PostgreSQL allows 65,535 parameters, and a row has 7. */
  maxBatch?: number;
  /** Rows kept while the database is unreachable, oldest dropped past it (counted by onDropped). */
  maxBuffered?: number;
  /** Results dropped unwritten (sla_results_dropped_total). */
  onDropped?: (rows: number) => void;
  onBatch?: (rows: number, seconds: number) => void;
  onError?: (error: unknown) => void;
}

/** Batches probe results: one multi-row INSERT a second instead of one per probe. */
export function createResultWriter(o: ResultWriterOptions): ResultWriter {
  const maxBatch = o.maxBatch ?? 5_000;
  const maxBuffered = o.maxBuffered ?? 1_000_000;
  let buffer: NewResult[] = [];
  let dropped = 0;
  let writing: Promise<void> = Promise.resolve();

  const writeOnce = async () => {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, maxBatch);
      const started = performance.now();
      const droppedBefore = dropped;
      // Idempotent (issue #12): a batch whose commit was acknowledged and the
      // answer lost is retried, and must not be stored twice. The key is the
      // monitor, instant and location (issue #14: two locations probe one monitor at one instant).
      await o.db
        .insertInto('probe_results')
        .values(o.location === undefined ? batch : batch.map((row) => ({ ...row, location: o.location })))
        .onConflict((oc) => oc.columns(['at', 'monitor_id', 'location']).doNothing())
        .execute();
      // Rows dropped from the front while the INSERT ran were the batch's own.
      buffer = buffer.slice(Math.max(0, batch.length - (dropped - droppedBefore)));
      o.onBatch?.(batch.length, (performance.now() - started) / 1000);
    }
  };
  const flush = () => {
    writing = writing.then(writeOnce).catch((error) => o.onError?.(error)); // kept in buffer: retried next tick
    return writing;
  };
  const timer = setInterval(() => void flush(), o.flushEveryMs ?? 1_000);
  timer.unref();

  return {
    push: (row) => {
      buffer.push(row);
      if (buffer.length > maxBuffered) {
        const over = buffer.length - maxBuffered;
        buffer.splice(0, over);
        dropped += over;
        o.onDropped?.(over);
      }
    },
    flush,
    close: async () => {
      clearInterval(timer);
      await flush();
    },
    pending: () => buffer.length,
  };
}
