import type { App } from '../app-type.ts';
import type { ServerDeps } from '../deps.ts';

/**
 * GET /healthz: 200 when the database answers and the scheduler runs, else
 * 503; the body says which and why, and how old the last completed probe is.
 */
export function healthzRoute(app: App, deps: ServerDeps): void {
  app.get('/healthz', async (c) => {
    const database = await deps.health.database().catch(() => false);
    const scheduler = deps.health.schedulerRunning();
    const last = deps.health.lastProbeAt();
    const downSince = database ? undefined : deps.health.databaseDownSince?.();
    // Issue #12: say why. No error text: it names internal hosts, and this is public.
    const reason = !database
      ? `database unreachable since ${new Date(downSince ?? deps.now()).toISOString()}`
      : !scheduler
        ? 'scheduler not running'
        : undefined;
    const body = {
      status: database && scheduler ? 'ok' : 'unhealthy',
      ...(reason === undefined ? {} : { reason }),
      database,
      scheduler,
      // Set by the prober after each probe, whether or not its outage changes could be written.
      lastProbeAgeSeconds: last === undefined ? null : Math.max(0, (deps.now() - last) / 1000),
    };
    return c.json(body, body.status === 'ok' ? 200 : 503);
  });
}
