import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { hasRole, type Role } from '../auth/roles.ts';
import { actorForToken, type Actor } from '../auth/token.repository.ts';
import type { Database } from '../db/database.ts';
import { ApiError } from './api-error.ts';

export type ActorEnv = { Variables: { actor: Actor } };

/** Requires a bearer token of at least `role`; the token's name is who every write is attributed to. */
export function requireRole(db: Kysely<Database>, role: Role): MiddlewareHandler<ActorEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (token === undefined) throw new ApiError('unauthorized', 'a bearer token is required (Authorization: Bearer …)');
    const actor = await actorForToken(db, token);
    if (actor === undefined) throw new ApiError('unauthorized', 'unknown or revoked token');
    if (!hasRole(actor.role, role)) throw new ApiError('forbidden', `this needs the ${role} role; ${actor.name} is ${actor.role}`);
    c.set('actor', actor);
    await next();
  };
}
