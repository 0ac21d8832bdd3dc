import { sql, type Kysely } from 'kysely';

// Issue #7 (`pnpm bench storage`, docs/benchmarks.md): a year of 1,000
// monitors at 60 s measured ~178 bytes per raw result and ~188 per rollup row,
// most of it in keys and indexes no reader needs.
//
// probe_results: the bigint identity and its primary key were never read
// (~30 B a row); every reader asks for a time range (rollups, retention, the
// last hours of uptime), so one index on `at` — appended at its right edge,
// so its pages stay full — replaces (monitor_id, at), whose pages split in
// the middle of each monitor's range (~45 B a row). The daemon-gap lookup
// searches back from now instead (results/daemon-gap.ts).
//
// probe_rollups: the key in (resolution, bucket, monitor_id) order. Rollups
// are written bucket after bucket, so its pages fill at the right edge of each
// resolution instead of splitting inside every monitor's range; and retention
// (`resolution = … and bucket < …`, hourly) and uptime's reads
// (`resolution = … and bucket` in a range) become one range of it instead of a
// scan of the whole table.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('probe_results').dropColumn('id').execute();
  await db.schema.dropIndex('probe_results_monitor_at').execute();
  await sql`alter table probe_rollups drop constraint probe_rollups_pk`.execute(db);
  await sql`alter table probe_rollups add constraint probe_rollups_pk primary key (resolution, bucket, monitor_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table probe_rollups drop constraint probe_rollups_pk`.execute(db);
  await sql`alter table probe_rollups add constraint probe_rollups_pk primary key (monitor_id, resolution, bucket)`.execute(db);
  await db.schema.createIndex('probe_results_monitor_at').on('probe_results').columns(['monitor_id', 'at']).execute();
  await sql`alter table probe_results add column id bigint generated always as identity primary key`.execute(db);
}
