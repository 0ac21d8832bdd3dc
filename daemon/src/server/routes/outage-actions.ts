import { OUTAGE_CLASSES } from '@sla/shared';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import { annotateOutage, reclassifyOutage } from '../../outages/outage-actions.repository.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { intParam, nonEmpty } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at } from '../view-fields.ts';

const reclassify = z.strictObject({ class: z.enum(OUTAGE_CLASSES).nullable(), reason: nonEmpty });
const annotate = z.strictObject({ body: nonEmpty });
// What each answers (issue #19): the class now in force (null = automatic), or the note as stored.
const classView = z.strictObject({ id: z.number().int(), componentId: z.string(), class: z.enum(OUTAGE_CLASSES).nullable(), reason: z.string() });
const noteView = z.strictObject({ id: z.number().int(), outage: z.number().int(), body: z.string(), author: z.string(), createdAt: at });

export const outageActionSpecs = {
  reclassify: { method: 'post', path: '/api/v1/outages/:id/class', role: 'operator', summary: "Raise or lower an outage's class with a reason (docs/contract.md §1.1); null returns it to automatic", cli: ['outages', 'class'], body: reclassify, response: classView },
  annotate: { method: 'post', path: '/api/v1/outages/:id/annotations', role: 'operator', summary: 'Annotate an outage', cli: ['outages', 'annotate'], body: annotate, status: 201, response: noteView },
} as const satisfies Record<string, RouteSpec>;

/** Operators' changes to recorded outages: class (with a reason) and annotations. */
export function outageActionsRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, outageActionSpecs.reclassify, async (c, { body: input }) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const result = await reclassifyOutage(deps.db, id, input.class, input.reason, name);
    if (result === undefined) throw new ApiError('not_found', `no outage ${id}`);
    await deps.ledger.recomputeForComponents([result.componentId], name);
    return reply(c, outageActionSpecs.reclassify, result);
  });
  on(app, deps.db, outageActionSpecs.annotate, async (c, { body: input }) => {
    const id = intParam(c.req.param('id')!, 'id');
    const note = await annotateOutage(deps.db, id, input.body, c.get('actor').name);
    if (note === undefined) throw new ApiError('not_found', `no outage ${id}`);
    return reply(c, outageActionSpecs.annotate, note);
  });
}
