import { type Kysely, sql } from 'kysely';

// Issue #12: a token belongs to a person, an operator account. The
// two-person rules (docs/contract.md §3.2) and the audit log name persons:
// one person holding two tokens is still one person. Each existing token
// becomes the token of an operator of its own name.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operators')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', 'timestamptz')
    .execute();
  await sql`insert into operators (name) select distinct name from api_tokens order by name`.execute(db);
  await db.schema.alterTable('api_tokens').addColumn('operator_id', 'integer', (c) => c.references('operators.id')).execute();
  await sql`update api_tokens set operator_id = (select id from operators where operators.name = api_tokens.name)`.execute(db);
  await sql`alter table api_tokens alter column operator_id set not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('operator_id').execute();
  await db.schema.dropTable('operators').execute();
}
