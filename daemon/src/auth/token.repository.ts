import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Role } from './roles.ts';

export interface Actor {
  name: string;
  role: Role;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Creates a token and returns it; only its hash is stored, so it is shown
 * once. 256 random bits need no slow hash: there is nothing to brute-force.
 */
export async function createToken(db: Kysely<Database>, name: string, role: Role): Promise<string> {
  const token = `sla_${randomBytes(32).toString('base64url')}`;
  await db.insertInto('api_tokens').values({ name, role, token_hash: hash(token) }).execute();
  return token;
}

export async function actorForToken(db: Kysely<Database>, token: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['name', 'role'])
    .where('token_hash', '=', hash(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row;
}

export async function revokeToken(db: Kysely<Database>, name: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: at }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
