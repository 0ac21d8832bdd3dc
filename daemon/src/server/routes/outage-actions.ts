import { OUTAGE_CLASSES } from '@sla/shared';
import type { Hono } from 'hono';
import { z } from 'zod';
import { annotateOutage, reclassifyOutage } from '../../outages/outage-actions.repository.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type ActorEnv } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { intParam, jsonBody, nonEmpty } from '../fields.ts';
import { parseInput } from '../validation.ts';

const reclassify = z.strictObject({ class: z.enum(OUTAGE_CLASSES).nullable(), reason: nonEmpty });
const annotate = z.strictObject({ body: nonEmpty });

/** Operators' changes to recorded outages: class (with a reason) and annotations. */
export function outageActionsRoute(app: Hono<any>, deps: ServerDeps): void {
  const r = app as unknown as Hono<ActorEnv>;
  r.post('/api/v1/outages/:id/class', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(reclassify, await jsonBody(c), 'body');
    const id = intParam(c.req.param('id'), 'id');
    const { name } = c.get('actor');
    const result = await reclassifyOutage(deps.db, id, input.class, input.reason, name);
    if (result === undefined) throw new ApiError('not_found', `no outage ${id}`);
    await deps.ledger.recomputeForComponents([result.componentId], name);
    return c.json(result);
  });
  r.post('/api/v1/outages/:id/annotations', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(annotate, await jsonBody(c), 'body');
    const id = intParam(c.req.param('id'), 'id');
    const note = await annotateOutage(deps.db, id, input.body, c.get('actor').name);
    if (note === undefined) throw new ApiError('not_found', `no outage ${id}`);
    return c.json(note, 201);
  });
}
