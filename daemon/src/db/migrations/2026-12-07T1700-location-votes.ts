import type { Kysely } from 'kysely';

// Issue #14, quorum: every location keeps its own confirmed state of each
// monitor it probes (its vote, from its own N-failure streaks), and whether
// it believes itself cut off. The leader agrees the monitor's state from the
// votes of the live, non-isolated locations (detection/quorum.ts) and writes
// it to monitor_states and the outages, as before. A location writes a vote
// when its state changes and all of them at start, so a quiet location that
// sees everything up is counted too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('location_monitor_states')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('failure_kind', 'text')
    .addColumn('failure_message', 'text')
    .addPrimaryKeyConstraint('location_monitor_states_pk', ['location', 'monitor_id'])
    .execute();
  await db.schema
    .createTable('probe_locations')
    .addColumn('location', 'text', (c) => c.primaryKey())
    .addColumn('isolated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('probe_locations').execute();
  await db.schema.dropTable('location_monitor_states').execute();
}
