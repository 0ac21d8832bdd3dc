import { type Kysely, sql } from 'kysely';

// Issue #14: results stored as unknown because the prober believed itself cut
// off are not thrown away: each run of them per monitor is a suspect period an
// operator confirms as an outage (audited, with a reason) or dismisses. One
// ongoing period per monitor.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('suspect_periods')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('component_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('failure_kind', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('confirmed', 'dismissed')`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reason', 'text')
    .addColumn('outage_id', 'integer', (c) => c.references('outages.id'))
    .execute();
  await sql`create unique index suspect_periods_ongoing on suspect_periods (monitor_id) where ended_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('suspect_periods').execute();
}
