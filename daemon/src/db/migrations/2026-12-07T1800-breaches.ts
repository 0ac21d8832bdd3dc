import { type Kysely, sql } from 'kysely';

// Issue #16: confidentiality breaches (terms §4, docs/contract.md §1.3), a fact the
// ledger turns into an entry of its own once a second, different operator approved it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('breaches')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull().check(sql`evidence <> ''`))
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    // The declarer can never be the approver, whatever the API does (docs/contract.md §1.3).
    .addCheckConstraint('breach_second_approver', sql`approved_by is null or approved_by <> declared_by`)
    .execute();
  await db.schema.createIndex('breaches_contract').on('breaches').columns(['contract_id', 'occurred_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('breaches').execute();
}
