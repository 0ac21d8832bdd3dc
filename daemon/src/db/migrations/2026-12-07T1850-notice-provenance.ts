import { type Kysely, sql } from 'kysely';

// Issue #15: a notice is `delivered` (the outbox holds the delivery record: the
// instant the mail server accepted it) or `declared` (an operator's word, which
// includes the status page's announcement recorded when a window is created).
// Rows before this were recorded by the outbox as `outbox (<round>)`. The
// default is the weaker claim, for any writer that does not say (the code's
// writers all do: maintenance.table.ts requires it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('maintenance_notices')
    .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('declared').check(sql`provenance in ('delivered', 'declared')`))
    .execute();
  await sql`update maintenance_notices set provenance = 'delivered' where recorded_by like 'outbox (%'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('maintenance_notices').dropColumn('provenance').execute();
}
