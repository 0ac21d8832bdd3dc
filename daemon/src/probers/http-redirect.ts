// Where a redirect leads, when a monitor follows them (issue #14). Pure, so
// the rules test as a table. Off by default: before issue #14 a 3xx was the
// answer, and it still is unless the monitor says followRedirects.
import type { HttpRequest } from './http-request.ts';
import type { ProbeFailure } from './types.ts';

/** curl's and Uptime Kuma's default is higher; a health check that needs more than 10 is broken. */
export const MAX_REDIRECTS = 10;

const FOLLOWED = new Set([301, 302, 303, 307, 308]);

/** Headers that describe a body, dropped with it (the Fetch standard's request-body-header names). */
const BODY_HEADERS = new Set(['content-type', 'content-encoding', 'content-language', 'content-location']);
/** Headers that belong to the origin they were configured for: credentials and a Host override. */
const ORIGIN_HEADERS = new Set(['authorization', 'host']);

export type Redirect = { request: HttpRequest } | { failure: ProbeFailure };

/**
 * The request that a response sends us on to, a failure, or undefined when
 * the response is the answer (not a redirect we follow, or no Location).
 * `visited`: the URLs requested so far, the current one last.
 */
export function redirect(request: HttpRequest, status: number, location: string | undefined, visited: readonly string[]): Redirect | undefined {
  if (!FOLLOWED.has(status) || location === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(location, request.url);
  } catch {
    return { failure: { kind: 'protocol', message: `redirect ${status} to ${quote(location)}, which is not a URL` } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { failure: { kind: 'protocol', message: `redirect ${status} to a ${url.protocol} URL, not http(s)` } };
  // Never sent: credentials come from auth only (issue #14); a fragment is not part of a request.
  url.username = '';
  url.password = '';
  url.hash = '';
  if (visited.includes(url.href))
    return { failure: { kind: 'status', message: `redirect loop: ${status} back to ${url.href} after ${visited.length} request${visited.length === 1 ? '' : 's'}` } };
  if (visited.length > MAX_REDIRECTS) return { failure: { kind: 'status', message: `more than ${MAX_REDIRECTS} redirects (the last a ${status} to ${url.href})` } };

  // RFC 9110 §15.4: 303 asks for a GET; after 301 and 302 user agents turn POST into GET (the Fetch standard too); 307 and 308 repeat the request.
  const toGet = (status === 303 && request.method !== 'HEAD') || ((status === 301 || status === 302) && request.method === 'POST');
  const sameOrigin = url.origin === request.url.origin;
  const headers = request.headers.filter(([name]) => {
    const lower = name.toLowerCase();
    return !(toGet && BODY_HEADERS.has(lower)) && (sameOrigin || !ORIGIN_HEADERS.has(lower));
  });
  const next: HttpRequest = { url, method: toGet ? 'GET' : request.method, headers };
  if (!toGet && request.body !== undefined) next.body = request.body;
  return { request: next };
}

const quote = (text: string) => JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
