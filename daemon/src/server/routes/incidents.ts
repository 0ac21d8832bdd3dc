import { COMPONENT_STATUSES } from '@sla/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import type { Database } from '../../db/database.ts';
import type { Tracker } from '../../detection/tracker.ts';
import { createIncident, getIncident, type OnPosted, updateIncident } from '../../incidents/incident.repository.ts';
import { notifySubscribers } from '../../subscribers/notify-subscribers.ts';
import { subscriptionLinks } from '../subscription-links.ts';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES, type AffectedComponent } from '../../incidents/incident.table.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { dbId, intParam, nonEmpty, refId, title } from '../fields.ts';
import { checkComponents } from '../references.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';

const affected = z.array(z.strictObject({ component: refId, status: z.enum(COMPONENT_STATUSES) })).default([]);
const create = z.strictObject({
  title,
  status: z.enum(INCIDENT_STATUSES).default('investigating'),
  impact: z.enum(INCIDENT_IMPACTS),
  body: nonEmpty,
  components: z.array(refId).default([]),
  outages: z.array(dbId).default([]),
  /** SLA §C.5: this post is the public apology a very critical outage requires. */
  apology: z.boolean().default(false),
  affectedComponents: affected,
});
const update = z.strictObject({ status: z.enum(INCIDENT_STATUSES), body: nonEmpty, affectedComponents: affected });

/** What every incident route answers (issue #19: the OpenAPI response body, and the type `reply` checks). */
const incidentView = z.strictObject({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  impact: z.enum(INCIDENT_IMPACTS),
  apology: z.boolean(),
  components: z.array(z.string()),
  outages: z.array(z.number().int()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  monitoringAt: z.iso.datetime().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  updates: z.array(
    z.strictObject({
      id: z.number().int(),
      status: z.enum(INCIDENT_STATUSES),
      body: z.string(),
      affectedComponents: z.array(z.strictObject({ code: z.string(), name: z.string(), old_status: z.string(), new_status: z.string() })),
      author: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
});

export const incidentSpecs = {
  create: { method: 'post', path: '/api/v1/incidents', role: 'operator', summary: 'Post a public incident (optionally the apology SLA §C.5 requires)', cli: ['incidents', 'create'], body: create, status: 201, response: incidentView },
  show: { method: 'get', path: '/api/v1/incidents/:id', role: 'viewer', summary: 'An incident with its updates and authors', cli: ['incidents', 'show'], response: incidentView },
  update: { method: 'post', path: '/api/v1/incidents/:id/updates', role: 'operator', summary: 'Post an update: investigating, identified, monitoring, resolved', cli: ['incidents', 'update'], body: update, status: 201, response: incidentView },
} as const satisfies Record<string, RouteSpec>;

/** Incidents: the public posts, written by operators (Statuspage's statuses and impacts). */
export function incidentsRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, incidentSpecs.create, async (c, { body: input }) => {
    await checkComponents(deps.db, input.components);
    await checkComponents(deps.db, input.affectedComponents.map((a) => a.component), 'affectedComponents');
    await checkOutages(deps.db, input.outages);
    const incident = await createIncident(deps.db, { ...input, affected: await describe(deps.db, deps.tracker, input.affectedComponents) }, c.get('actor').name, new Date(deps.now()), tellSubscribers(deps));
    deps.outboxBell.ring();
    return reply(c, incidentSpecs.create, incident);
  });
  on(app, deps.db, incidentSpecs.show, async (c) => {
    const incident = await getIncident(deps.db, intParam(c.req.param('id')!, 'id'));
    if (incident === undefined) throw new ApiError('not_found', `no incident ${c.req.param('id')}`);
    return reply(c, incidentSpecs.show, incident);
  });
  on(app, deps.db, incidentSpecs.update, async (c, { body: input }) => {
    await checkComponents(deps.db, input.affectedComponents.map((a) => a.component), 'affectedComponents');
    const id = intParam(c.req.param('id')!, 'id');
    const incident = await updateIncident(deps.db, id, input.status, input.body, await describe(deps.db, deps.tracker, input.affectedComponents), c.get('actor').name, new Date(deps.now()), tellSubscribers(deps));
    if (incident === undefined) throw new ApiError('not_found', `no incident ${id}`);
    deps.outboxBell.ring();
    return reply(c, incidentSpecs.update, incident);
  });
}

/** Issue #15: the post reaches the confirmed subscribers of its components, in its transaction; without notify.subscriptions nobody has subscribed. */
export function tellSubscribers(deps: ServerDeps): OnPosted | undefined {
  const key = subscriptionLinks(deps);
  if (key === undefined) return undefined;
  return async (tx, incident) => {
    const update = incident.updates.at(-1)!;
    const components = [...new Set([...incident.components, ...update.affectedComponents.map((a) => a.code)])];
    await notifySubscribers(tx, key, { incidentId: incident.id, updateId: update.id, title: incident.title, status: update.status, body: update.body }, components, new Date(deps.now()));
  };
}

async function checkOutages(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const known = new Set((await db.selectFrom('outages').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
  const unknown = ids.map((id, i) => [id, i] as const).filter(([id]) => !known.has(id));
  if (unknown.length > 0) throw new ApiError('bad_request', 'invalid body', unknown.map(([id, i]) => `outages[${i}]: unknown outage ${id}`));
}

/** Statuspage's affected_components: the status before (now, as detected) and the one the post announces. */
async function describe(db: Kysely<Database>, tracker: Tracker, list: Array<{ component: string; status: string }>): Promise<AffectedComponent[]> {
  if (list.length === 0) return [];
  const names = new Map((await db.selectFrom('components').select(['id', 'name']).where('id', 'in', list.map((a) => a.component)).execute()).map((r) => [r.id, r.name]));
  return list.map((a) => ({ code: a.component, name: names.get(a.component) ?? a.component, old_status: tracker.status(a.component), new_status: a.status }));
}
