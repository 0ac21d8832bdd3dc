import { sql, type Kysely } from 'kysely';

// Issue #14: several daemons, one per probing location, share one PostgreSQL;
// every result is stored under the location that probed it. Results stored
// before were all probed by the one daemon there was: 'local', the config's
// default `location`. A constant default is a catalog change only (no table
// rewrite), and `text` costs a few bytes a raw row, which is kept an hour
// (results/compaction.ts), and once an hour in a packed row.
//
// Two locations probe one monitor at the same instant, so the result's
// idempotency key (issue #12) becomes (at, monitor_id, location), and the
// packed hours are one row per monitor, location and hour: the compaction's
// check for a result already packed compares offsets within one location.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table probe_results add column location text not null default 'local'`.execute(db);
  await db.schema.createIndex('probe_results_at_monitor_location').unique().on('probe_results').columns(['at', 'monitor_id', 'location']).execute();
  await db.schema.dropIndex('probe_results_at_monitor').execute();
  await sql`alter table probe_result_hours add column location text not null default 'local'`.execute(db);
  await sql`alter table probe_result_hours drop constraint probe_result_hours_pk`.execute(db);
  await sql`alter table probe_result_hours add constraint probe_result_hours_pk primary key (hour, monitor_id, location)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Another location's results would break the old keys: only the 'local' ones go back.
  await sql`delete from probe_result_hours where location <> 'local'`.execute(db);
  await sql`alter table probe_result_hours drop constraint probe_result_hours_pk`.execute(db);
  await sql`alter table probe_result_hours add constraint probe_result_hours_pk primary key (hour, monitor_id)`.execute(db);
  await sql`alter table probe_result_hours drop column location`.execute(db);
  await sql`delete from probe_results where location <> 'local'`.execute(db);
  await db.schema.createIndex('probe_results_at_monitor').unique().on('probe_results').columns(['at', 'monitor_id']).execute();
  await db.schema.dropIndex('probe_results_at_monitor_location').execute();
  await sql`alter table probe_results drop column location`.execute(db);
}
