import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import type { App } from './app-type.ts';
import { ApiError } from './api-error.ts';
import type { ServerDeps } from './deps.ts';
import { createRateLimiter, type Verdict } from './rate-limit.ts';

// Issue #12: the operators' API and its sign-in path (bearer tokens, auth.ts)
// are rate-limited per client address. A client whose tokens failed
// authFailuresPerMinute times in a burst is refused (429, even with a good
// token) until its bucket refills: guessing tokens costs a minute per ten.
// Every operators' request takes from a second, generous bucket. The public
// read side (status page, JSON, feeds, badges) has neither: it is cached, and
// readers arrive in crowds when something is wrong (issue #5).
// The address is the socket's peer: behind a reverse proxy every client is
// the proxy, so put the limit there too (X-Forwarded-For is anyone's to forge).

/** Public routes under /api/v1 (cors.ts lists the same): no operators' limit. */
const PUBLIC_API = /^\/api\/v1\/(public\/|components$|outages$)/;

export function operatorLimits(app: App, deps: ServerDeps): void {
  const limits = () => deps.config().server.rateLimit;
  const failures = createRateLimiter({ now: () => deps.now(), limits: () => ({ perMinute: limits().authFailuresPerMinute, maxClients: limits().maxClients }) });
  const requests = createRateLimiter({ now: () => deps.now(), limits: () => ({ perMinute: limits().operatorRequestsPerMinute, maxClients: limits().maxClients }) });

  const middleware: MiddlewareHandler<{ Bindings: HttpBindings }> = async (c, next) => {
    if (PUBLIC_API.test(c.req.path)) return next();
    const client = clientAddress(c);
    refuse(c, failures.allowed(client), 'too many failed token authentications from this address');
    if (c.req.path !== '/metrics') refuse(c, requests.take(client), 'too many requests to the operators’ API from this address');
    await next();
    if (c.res.status === 401) failures.take(client);
  };
  app.use('/api/v1/*', middleware);
  // /metrics' optional bearer token is a sign-in path too.
  app.use('/metrics', middleware);
}

function refuse(c: Context, verdict: Verdict, message: string): void {
  if (verdict.ok) return;
  c.header('Retry-After', String(verdict.retryAfterS));
  throw new ApiError('too_many_requests', message, [`retry after ${verdict.retryAfterS} s`]);
}

/** The socket's peer (see above: X-Forwarded-For is anyone's to forge). */
export function clientAddress(c: Context<{ Bindings: HttpBindings }>): string {
  // app.request() (the page renderer's reads) has no socket: one client, this process.
  return c.env?.incoming?.socket.remoteAddress ?? 'in-process';
}
