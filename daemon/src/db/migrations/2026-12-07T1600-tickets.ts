import { type Kysely, sql } from 'kysely';

// Issue #16: support tickets and the instants their clocks read (docs/contract.md §2).
// The sets are written out, not imported: a migration never changes meaning.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tickets')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) =>
      c.notNull().check(sql`class in ('very_critical', 'critical', 'normal', 'attribute_addition', 'experience_improvement', 'upgrade')`),
    )
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('hotline', 'live_chat', 'ticket', 'email', 'community')`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('ticket_confirmed_after_receipt', sql`confirmed_at is null or confirmed_at >= received_at`)
    .addCheckConstraint('ticket_response_after_receipt', sql`first_response_at is null or first_response_at >= received_at`)
    .execute();
  await db.schema.createIndex('tickets_contract').on('tickets').columns(['contract_id', 'received_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tickets').execute();
}
