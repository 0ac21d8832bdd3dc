import { z } from 'zod';
import type { App } from '../app-type.ts';
import type { ServerDeps } from '../deps.ts';

/** The body of 200 and 503 alike (issue #19: in the document, and the type the handler is held to). */
export const healthSchema = z.strictObject({
  status: z.enum(['ok', 'unhealthy']),
  reason: z.string().optional().describe('What failed, when unhealthy'),
  database: z.boolean(),
  scheduler: z.boolean(),
  location: z.string().optional(),
  leading: z.boolean().optional(),
  lastProbeAgeSeconds: z.number().min(0).nullable(),
});

/**
 * GET /healthz: 200 when the database answers and the scheduler runs, else
 * 503; the body says which and why, how old the last completed probe is, and
 * the daemon's location and whether it leads (issue #14).
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
    const body: z.input<typeof healthSchema> = {
      status: database && scheduler ? 'ok' : 'unhealthy',
      ...(reason === undefined ? {} : { reason }),
      database,
      scheduler,
      // Issue #14: a follower is healthy too; it probes and stores its results, the leader detects.
      ...(deps.health.location === undefined ? {} : { location: deps.health.location, leading: deps.health.leading?.() ?? true }),
      // Set by the prober after each probe, whether or not its outage changes could be written.
      lastProbeAgeSeconds: last === undefined ? null : Math.max(0, (deps.now() - last) / 1000),
    };
    return c.json(body, body.status === 'ok' ? 200 : 503);
  });
}
