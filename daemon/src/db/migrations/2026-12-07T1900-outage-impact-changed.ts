import type { Kysely } from 'kysely';

// Issue #19: the tracker turns an open outage worse in place when the worse
// state's streak is older than the outage (detection/tracker.ts settle); the
// component's public status changes then, and Statuspage's `updated_at` must
// say when. Null for an outage whose impact never changed in place.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outages').addColumn('impact_changed_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outages').dropColumn('impact_changed_at').execute();
}
