import type { Hono } from 'hono';
import type { ServerDeps } from '../deps.ts';

/**
 * GET /healthz: 200 when the database answers and the scheduler runs, else
 * 503; the body says which, and how old the last completed probe is.
 */
export function healthzRoute(app: Hono<any>, deps: ServerDeps): void {
  app.get('/healthz', async (c) => {
    const database = await deps.health.database().catch(() => false);
    const scheduler = deps.health.schedulerRunning();
    const last = deps.health.lastProbeAt();
    const body = {
      status: database && scheduler ? 'ok' : 'unhealthy',
      database,
      scheduler,
      lastProbeAgeSeconds: last === undefined ? null : Math.max(0, (deps.now() - last) / 1000),
    };
    return c.json(body, body.status === 'ok' ? 200 : 503);
  });
}
