import { sql, type Kysely } from 'kysely';

// Issue #14: each daemon reads the other locations' votes every second; with a
// version on each row it reads only those written since its last read. The
// version is the writing transaction's id (a bigint, set on every insert and
// update), not a sequence's next value: the transactions still running are
// listed in a snapshot (pg_current_snapshot), so a reader knows which rows may
// still appear below the highest version it saw. With a sequence, a vote
// committed after a later-numbered one was read would be skipped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table location_monitor_states add column version bigint not null default (pg_current_xact_id()::text::bigint)`.execute(db);
  await db.schema.createIndex('location_monitor_states_version').on('location_monitor_states').column('version').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('location_monitor_states_version').execute();
  await db.schema.alterTable('location_monitor_states').dropColumn('version').execute();
}
