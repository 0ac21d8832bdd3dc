import { z } from 'zod';
import type { App } from '../app-type.ts';
import type { ServerDeps } from '../deps.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';

const failure = z.object({ kind: z.string(), message: z.string() }).nullable();
const locationsView = z.object({
  /** The daemon that answered. */
  self: z.string(),
  locations: z.array(z.object({ location: z.string(), alive: z.boolean(), isolated: z.boolean(), counted: z.boolean() })),
  monitors: z.array(
    z.object({
      monitor: z.string(),
      component: z.string(),
      votes: z.array(z.object({ location: z.string(), state: z.enum(['up', 'degraded', 'down']), since: z.string(), failure, counted: z.boolean() })),
    }),
  ),
});

export const locationSpecs = {
  list: {
    method: 'get',
    path: '/api/v1/locations',
    role: 'viewer',
    summary: 'Probing locations (alive, isolated, counted in the quorum) and each one’s own state of every monitor it probes (issue #14)',
    cli: ['locations', 'list'],
    response: locationsView,
  },
} as const satisfies Record<string, RouteSpec>;

/** Issue #14: what each location sees, so a failure below quorum is visible, not only the outage the quorum opened. */
export function locationsRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, locationSpecs.list, async (c) => {
    const view = await deps.quorum();
    const components = new Map(deps.config().monitors.map((m) => [m.id, m.component]));
    const byMonitor = Map.groupBy(view.votes, (v) => v.monitorId);
    return reply(c, locationSpecs.list, {
      self: deps.health.location ?? 'local',
      locations: view.locations,
      monitors: [...byMonitor].map(([monitor, votes]) => ({
        monitor,
        component: components.get(monitor) ?? '',
        votes: votes.map((v) => ({ location: v.location, state: v.confirmed, since: new Date(v.since).toISOString(), failure: v.failure ?? null, counted: v.counted })),
      })),
    });
  });
}
