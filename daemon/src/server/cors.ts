import type { MiddlewareHandler } from 'hono';
import type { App } from './app-type.ts';
import { alreadySent, alsoSend } from './page-cache.ts';

// Issue #12 (CORS): Statuspage's public API may be read from any origin, so
// an embeddable widget (@statuspage/status-widget) or a customer's intranet
// can show our status. Only what anyone may read anyway: the operators' API
// (tokens, contracts, money) and /metrics never send these headers, and the
// HTML pages are for people, not scripts. No credentials: `*` and cookies
// never go together (the public surfaces read none).
//
// Not hono/cors: it sets its headers on the context's response before the
// handler runs, and the cached routes answer with RESPONSE_ALREADY_SENT
// (page-cache.ts), which Hono would then copy and answer a second time.

/** The public read side: Statuspage v2 JSON, our public JSON, badges and feeds. */
export const PUBLIC_CORS_PATHS = [
  '/api/v2/*',
  '/api/v1/public/*',
  '/api/v1/components',
  '/api/v1/outages',
  '/badge/*',
  '/history.atom',
  '/history.rss',
  '/maintenance.ics',
] as const;

/** Request headers a cross-origin reader may send: conditional requests and languages (all the public side reads). */
export const CORS_ALLOW_HEADERS = ['Accept', 'Accept-Language', 'Cache-Control', 'If-Modified-Since', 'If-None-Match'];

const ON_ANSWERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  // ETag for conditional polling; Last-Modified and Content-Type are safelisted already.
  'access-control-expose-headers': 'ETag',
};

const ON_PREFLIGHT: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD',
  'access-control-allow-headers': CORS_ALLOW_HEADERS.join(', '),
  // A day (browsers cap it lower: Chromium 2 h): one preflight per reader, not one per poll.
  'access-control-max-age': '86400',
};

/** `Access-Control-Allow-Origin: *` on every public answer and a 204 for its preflight. Register before the routes. */
export function publicCors(app: App): void {
  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { ...ON_PREFLIGHT, allow: 'GET, HEAD, OPTIONS' });
    alsoSend(c, ON_ANSWERS);
    await next();
    if (!alreadySent(c.res)) for (const [name, value] of Object.entries(ON_ANSWERS)) c.res.headers.set(name, value);
  };
  for (const path of PUBLIC_CORS_PATHS) app.use(path, middleware);
}
