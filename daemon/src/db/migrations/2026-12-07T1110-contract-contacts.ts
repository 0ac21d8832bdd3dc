import { type Kysely, sql } from 'kysely';

// Issue #15: whom to tell about a contract's maintenance: private data (the
// customer's people), never on a public surface or in /metrics.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contract_contacts')
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('vi'))
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('contract_contacts_pkey', ['contract_id', 'email'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contract_contacts').execute();
}
