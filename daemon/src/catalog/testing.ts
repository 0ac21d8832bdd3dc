// Test helpers for the catalog: a component that joined the watch later than
// the others (issue #19: "observed since …" instead of "90 days 100%").
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

export async function setComponentCreatedAt(db: Kysely<Database>, id: string, createdAt: Date): Promise<void> {
  await sql`update components set created_at = ${createdAt} where id = ${id}`.execute(db);
}
