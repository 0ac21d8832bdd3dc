import { type Kysely, sql } from 'kysely';

// Issue #15, SLA §C.5 (docs/contract.md §1.1): the apology a very critical outage owes each affected
// contract, drafted with its ledger line, edited and approved by operators, then mailed through the
// outbox (whose delivery records say when it was sent). One per contract and outage.
// The states are written out, not imported: a migration never changes meaning.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('apologies')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('outage_id', 'integer', (c) => c.notNull().references('outages.id'))
    .addColumn('license_seconds', 'numeric', (c) => c.notNull())
    .addColumn('subject_vi', 'text', (c) => c.notNull())
    .addColumn('body_vi', 'text', (c) => c.notNull())
    .addColumn('subject_en', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft').check(sql`state in ('draft', 'approved')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('edited_by', 'text')
    .addColumn('edited_at', 'timestamptz')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addUniqueConstraint('apologies_contract_outage', ['contract_id', 'outage_id'])
    .addCheckConstraint('apology_approved_by_someone', sql`(state = 'draft') = (approved_by is null)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('apologies').execute();
}
