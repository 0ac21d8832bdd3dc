import { type Kysely, sql } from 'kysely';

// Issue #15: people who asked the public page for e-mail about incidents
// (double opt-in). Private data: never on a public surface or in /metrics.
// `components` null: every component. Outbox rows gain the headers a message
// to a subscriber carries (List-Unsubscribe, RFC 2369 and RFC 8058).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscribers')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('components', 'jsonb')
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('vi'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('unsubscribed_at', 'timestamptz')
    .execute();
  await sql`create index subscribers_confirmed on subscribers (id) where state = 'confirmed'`.execute(db);
  await db.schema.alterTable('outbox_messages').addColumn('headers', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox_messages').dropColumn('headers').execute();
  await db.schema.dropTable('subscribers').execute();
}
