import { sql, type Kysely } from 'kysely';

// Issue #12: the result writer retries a batch whose INSERT it saw fail; when
// the server had committed it and only the answer was lost, the retry stored
// every result twice. A result is identified by its monitor and instant, so
// that pair is unique and the writer inserts with `on conflict do nothing`.
// The locations issue (#14) adds the probing location to this key.
//
// The key is (at, monitor_id), not (monitor_id, at): results arrive in time
// order, so its pages fill at the right edge (issue #7), and it serves the
// time-range reads the index on `at` served, which it replaces.
// probe_results holds only the hour being written (results/compaction.ts),
// so removing duplicates already there is cheap.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from probe_results a using probe_results b where a.monitor_id = b.monitor_id and a.at = b.at and a.ctid > b.ctid`.execute(db);
  await db.schema.createIndex('probe_results_at_monitor').unique().on('probe_results').columns(['at', 'monitor_id']).execute();
  await db.schema.dropIndex('probe_results_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('probe_results_at').on('probe_results').column('at').execute();
  await db.schema.dropIndex('probe_results_at_monitor').execute();
}
