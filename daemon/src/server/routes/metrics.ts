import type { Hono } from 'hono';
import type { ServerDeps } from '../deps.ts';

/** GET /metrics in the Prometheus text format. */
export function metricsRoute(app: Hono<any>, deps: ServerDeps): void {
  app.get('/metrics', async (c) => {
    const body = await deps.metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': deps.metrics.registry.contentType });
  });
}
