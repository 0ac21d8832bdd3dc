import { sql, type Kysely } from 'kysely';

// Issue #7 (`pnpm bench storage`, docs/benchmarks.md): a year of 1,000
// monitors at 60 s took 7.8 GB against a 1 GB target. A week of raw results
// alone was 1 GB at 107 bytes a row (tuple header, monitor id and index entry
// repeated for every probe), and minute rollups — one probe each at 60 s,
// read by nobody — were 6.7 GB.
//
// probe_result_hours: once an hour is over, its raw results are packed into
// one row per monitor and hour of parallel arrays (results/compaction.ts), as
// TimescaleDB's compressed chunks do: the header, the key and the index entry
// are paid once for 60 probes instead of each time. probe_results keeps only
// the hour being written. `states` are codes in order of severity (0 up,
// 1 degraded, 2 down, 3 unknown: results/stored-results.ts); the arrays of
// late results appended to an hour already packed are in arrival order.
//
// Minute rollups go: raw results answer every question at a finer grain for
// as long as they are kept.

/** The part of the schema this migration queries, as it stood then (not today's Database). */
interface Before {
  probe_rollups: { resolution: string };
}

export async function up(db: Kysely<Before>): Promise<void> {
  await db.schema
    .createTable('probe_result_hours')
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('hour', 'timestamptz', (c) => c.notNull())
    .addColumn('offsets_ms', sql`integer[]`, (c) => c.notNull())
    .addColumn('states', sql`smallint[]`, (c) => c.notNull())
    .addColumn('durations_ms', sql`real[]`, (c) => c.notNull())
    .addColumn('http_statuses', sql`smallint[]`, (c) => c.notNull())
    .addColumn('failure_kinds', sql`text[]`, (c) => c.notNull())
    .addColumn('failure_messages', sql`text[]`, (c) => c.notNull())
    // Written hour after hour: the key fills its pages at the right edge, and
    // retention and rollups ask for a range of hours.
    .addPrimaryKeyConstraint('probe_result_hours_pk', ['hour', 'monitor_id'])
    .execute();
  await db.deleteFrom('probe_rollups').where('resolution', '=', 'minute').execute();
  await sql`alter table probe_rollups drop constraint if exists probe_rollups_resolution_check`.execute(db);
  await sql`alter table probe_rollups add constraint probe_rollups_resolution_check check (resolution in ('hour', 'day'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table probe_rollups drop constraint probe_rollups_resolution_check`.execute(db);
  await sql`alter table probe_rollups add constraint probe_rollups_resolution_check check (resolution in ('minute', 'hour', 'day'))`.execute(db);
  await sql`
    insert into probe_results (monitor_id, at, state, duration_ms, failure_kind, failure_message, http_status)
    select h.monitor_id, h.hour + u.offset_ms * interval '1 millisecond', (array['up', 'degraded', 'down', 'unknown'])[u.state + 1],
      u.duration_ms, u.failure_kind, u.failure_message, u.http_status
    from probe_result_hours h,
      unnest(h.offsets_ms, h.states, h.durations_ms, h.http_statuses, h.failure_kinds, h.failure_messages)
        as u(offset_ms, state, duration_ms, http_status, failure_kind, failure_message)
  `.execute(db);
  await db.schema.dropTable('probe_result_hours').execute();
}
