import type { Kysely } from 'kysely';

// Issue #12: a proposal made because a rejected figure changed names the
// rejection it reconsiders, so an approver sees what was said no to before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ledger_entries').addColumn('replaces_id', 'integer', (c) => c.references('ledger_entries.id')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ledger_entries').dropColumn('replaces_id').execute();
}
