import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { App } from './app-type.ts';
import type { Role } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { ApiError } from './api-error.ts';
import { requireRole, type ActorEnv } from './auth.ts';
import { CONTROLS, jsonBody } from './fields.ts';
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
  /** The JSON body of success: the document's response schema, and the type `reply` holds the handler to (issue #19). */
  response?: z.ZodType;
  /** When the route answers 200 with the same body instead of `status` (a retried idempotency key). */
  ok200?: string;
  /** Other content types of success, chosen by the query (a statement as CSV, HTML or PDF). */
  alsoAs?: readonly string[];
  /** When it answers 409 (issue #19: every 4xx a client meets is declared). */
  conflict?: string;
  /** When it answers 503: something outside the daemon it needs is missing (issue #16: Chromium for a PDF). */
  unavailable?: string;
  /** Boolean body fields the command line sets with a bare `--NAME` (issue #15: `sla maintenance create --force`). */
  switches?: readonly string[];
}

/**
 * Answers with the body a spec declares: the compiler checks `value` against
 * the zod schema /api/openapi.json is generated from, so a generated client's
 * types and the wire agree (issue #19).
 */
export function reply<S extends RouteSpec & { response: z.ZodType }>(c: Context, spec: S, value: z.input<S['response']>, status: 200 | 201 = spec.status ?? 200): Response {
  return c.json(value as object, status);
}

/** Issue #12: the largest operators' request body; the longest fields (TEXT_MAX, fields.ts) fit many times over. */
export const MAX_BODY_BYTES = 1024 * 1024;

// Refused while reading (Content-Length, or counted as it streams): a 10 MB body is never parsed.
const limitBody: MiddlewareHandler = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    // The rest of the body is not read: the connection cannot carry another request.
    c.header('Connection', 'close');
    throw new ApiError('payload_too_large', `the body is larger than 1 MB (${MAX_BODY_BYTES} bytes)`);
  },
});

type Out<S extends z.ZodType | undefined> = S extends z.ZodType ? z.output<S> : undefined;

/** Registers a spec: role check, then body and query parsed at the edge (400 with every problem), then the handler. */
export function on<S extends RouteSpec>(
  app: App,
  db: Db,
  spec: S,
  handler: (c: Context<ActorEnv>, input: { body: Out<S['body']>; query: Out<S['query']> }) => Promise<Response>,
): void {
  const router = app as unknown as Hono<ActorEnv>;
  const run = async (c: Context<ActorEnv>) => {
    refuseControlCharacters(c.req.param() as Record<string, string>);
    const body = (spec.body ? parseInput(spec.body, await jsonBody(c), 'body') : undefined) as Out<S['body']>;
    const query = (spec.query ? parseInput(spec.query, c.req.query(), 'query') : undefined) as Out<S['query']>;
    return handler(c, { body, query });
  };
  const method = spec.method.toUpperCase();
  // After the token check: an anonymous body is refused with 401 before it is read. A route that
  // takes no body refuses a large one too (issue #12's corpus: a 2 MB body cancelled a window).
  const guarded = (c: Context<ActorEnv>) => limitBody(c, () => run(c).then((r) => { c.res = r; })).then(() => c.res);
  if (spec.role) router.on(method, spec.path, requireRole(db, spec.role), guarded);
  else router.on(method, spec.path, guarded);
}

/** Path ids reach text columns: a NUL is an invalid byte sequence to PostgreSQL (a 500, issue #12). */
function refuseControlCharacters(params: Record<string, string>): void {
  const problems = Object.entries(params)
    .filter(([, value]) => CONTROLS.test(value))
    .map(([name]) => `${name}: must not contain control characters`);
  if (problems.length > 0) throw new ApiError('bad_request', 'invalid path', problems);
}
