import type { Config } from '@sla/shared';
import type { App } from '../app-type.ts';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Metrics } from '../../metrics/metrics.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';

/** GET /metrics on the API port, unless config metrics.listen moves it to a listener of its own. */
export function metricsRoute(app: App, deps: ServerDeps): void {
  serveMetrics(app, { metrics: deps.metrics, settings: () => deps.config().metrics, dedicated: false });
}

/**
 * GET /metrics in the Prometheus text format. With metrics.bearerToken, a
 * scrape without `Authorization: Bearer <token>` gets 401. Settings are read
 * per request, so a reload that adds a token protects the next scrape.
 */
export function serveMetrics(app: App, o: { metrics: Metrics; settings: () => Config['metrics']; dedicated: boolean }): void {
  app.get('/metrics', async (c) => {
    const settings = o.settings();
    // Its own listener (a private interface) is the protection: the public port must not answer too.
    if (!o.dedicated && settings.listen !== undefined) throw new ApiError('not_found', 'not found');
    if (settings.bearerToken !== undefined && !bearerMatches(c.req.header('authorization'), settings.bearerToken)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new ApiError('unauthorized', 'a bearer token is required (Authorization: Bearer …)');
    }
    return c.body(textStream(await o.metrics.streamParts()), 200, { 'content-type': o.metrics.contentType });
  });
}

/**
 * The parts as a stream, each made and encoded when the socket asks for more:
 * for 10,000 monitors (17 MB) this costs half of answering with one joined
 * string, which the server copies and encodes whole, and the client reads
 * the first part while the rest is still being joined (docs/benchmarks.md).
 */
function textStream(parts: Iterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = parts[Symbol.iterator]();
  return new ReadableStream({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(`${next.value}\n`));
    },
  });
}

/** Compared as digests in constant time, so response timing says nothing about the token. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}
