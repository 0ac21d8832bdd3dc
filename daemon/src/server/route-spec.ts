import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { Role } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { requireRole, type ActorEnv } from './auth.ts';
import { jsonBody } from './fields.ts';
import { parseInput } from './validation.ts';

/**
 * One operator-API route as data: what the router registers, what the
 * OpenAPI document describes and what the `sla` command line calls are the
 * same object, so they cannot drift apart (issue #4).
 */
export interface RouteSpec<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'patch';
  path: string;
  /** The least role that may call it; public when absent. */
  role?: Role;
  summary: string;
  /** `sla GROUP ACTION [path params…]`. */
  cli: readonly [group: string, action: string];
  body?: B;
  query?: Q;
  /** Status of success, for the document. */
  status?: 200 | 201;
}

type Out<S extends z.ZodType | undefined> = S extends z.ZodType ? z.output<S> : undefined;

/** Registers a spec: role check, then body and query parsed at the edge (400 with every problem), then the handler. */
export function on<S extends RouteSpec>(
  app: Hono<any>,
  db: Db,
  spec: S,
  handler: (c: Context<ActorEnv>, input: { body: Out<S['body']>; query: Out<S['query']> }) => Promise<Response>,
): void {
  const router = app as unknown as Hono<ActorEnv>;
  const run = async (c: Context<ActorEnv>) => {
    const body = (spec.body ? parseInput(spec.body, await jsonBody(c), 'body') : undefined) as Out<S['body']>;
    const query = (spec.query ? parseInput(spec.query, c.req.query(), 'query') : undefined) as Out<S['query']>;
    return handler(c, { body, query });
  };
  const method = spec.method.toUpperCase();
  if (spec.role) router.on(method, spec.path, requireRole(db, spec.role), run);
  else router.on(method, spec.path, run);
}
