import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Role } from './roles.ts';

/** Who acts: the operator (a person) holding the token, and the token's role. */
export interface Actor {
  /** The operator's name: what every write is attributed to and the two-person rules compare. */
  name: string;
  role: Role;
  /** The token's own label, for the record of which credential was used. */
  token: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Creates a token and returns it; only its hash is stored, so it is shown
 * once. 256 random bits need no slow hash: there is nothing to brute-force.
 */
export async function createToken(db: Kysely<Database>, name: string, role: Role, operator: string = name): Promise<string> {
  const token = `sla_${randomBytes(32).toString('base64url')}`;
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('operators').values({ name: operator }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const { id } = await tx.selectFrom('operators').select('id').where('name', '=', operator).executeTakeFirstOrThrow();
    await tx.insertInto('api_tokens').values({ name, role, token_hash: hash(token), operator_id: id }).execute();
  });
  return token;
}

export async function actorForToken(db: Kysely<Database>, token: string): Promise<Actor | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('operators', 'operators.id', 'api_tokens.operator_id')
    .select(['operators.name as name', 'api_tokens.role as role', 'api_tokens.name as token'])
    .where('api_tokens.token_hash', '=', hash(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('operators.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeToken(db: Kysely<Database>, name: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: at }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
