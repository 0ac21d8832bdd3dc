import { type Kysely, sql } from 'kysely';

// Issue #12: a contract's period is renewed once, whatever idempotency key a
// request carries (racing requests with fresh keys renewed it 8 times). The
// service checks it in the contract's locked transaction; this index keeps it
// true even for a writer that does not.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index renewals_one_per_period on renewals (contract_id, period_start)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index renewals_one_per_period`.execute(db);
}
