import { FORCE_MAJEURE_CATEGORIES } from '@sla/shared';
import type { Hono } from 'hono';
import { z } from 'zod';
import { declareForceMajeure, decideForceMajeure, getForceMajeure, viewOf } from '../../force-majeure/force-majeure.repository.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type ActorEnv } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { instant, intParam, jsonBody, nonEmpty, refId } from '../fields.ts';
import { checkComponents } from '../references.ts';
import { parseInput } from '../validation.ts';

const declare = z
  .strictObject({
    category: z.enum(FORCE_MAJEURE_CATEGORIES),
    description: nonEmpty,
    evidence: z.string().default(''),
    components: z.array(refId).min(1).optional(),
    startsAt: instant,
    endsAt: instant,
  })
  .refine((f) => f.endsAt > f.startsAt, { path: ['endsAt'], message: 'must be after startsAt' });

/** Force majeure (terms §11, sla-policy.md §3.2): declared by an operator, effective once a different approver approves. */
export function forceMajeureRoute(app: Hono<any>, deps: ServerDeps): void {
  const r = app as unknown as Hono<ActorEnv>;
  const recompute = (components: string[] | null, actor: string) => deps.ledger.recomputeForComponents(components ?? 'all', actor);
  r.post('/api/v1/force-majeure', requireRole(deps.db, 'operator'), async (c) => {
    const input = parseInput(declare, await jsonBody(c), 'body');
    if (input.components) await checkComponents(deps.db, input.components);
    const row = await declareForceMajeure(deps.db, input, c.get('actor').name);
    return c.json(viewOf(row), 201);
  });
  r.get('/api/v1/force-majeure/:id', requireRole(deps.db, 'viewer'), async (c) => {
    const row = await getForceMajeure(deps.db, intParam(c.req.param('id'), 'id'));
    if (row === undefined) throw new ApiError('not_found', `no force-majeure event ${c.req.param('id')}`);
    return c.json(viewOf(row));
  });
  r.post('/api/v1/force-majeure/:id/approve', requireRole(deps.db, 'approver'), async (c) => {
    const id = intParam(c.req.param('id'), 'id');
    const { name } = c.get('actor');
    const row = await getForceMajeure(deps.db, id);
    if (row === undefined) throw new ApiError('not_found', `no force-majeure event ${id}`);
    // It removes money owed to customers, so it takes two people (sla-policy.md §3.2 Default).
    if (deps.config().policy.forceMajeureNeedsSecondApprover && row.declared_by === name)
      throw new ApiError('forbidden', `${name} declared this event and cannot also approve it: force majeure needs a second, different approver (sla-policy.md §3.2)`);
    const approved = await decideForceMajeure(deps.db, id, 'approve', name, new Date(deps.now()));
    if (approved === undefined) throw new ApiError('conflict', `force-majeure event ${id} is already approved or withdrawn`);
    await recompute(approved.components, name);
    return c.json(viewOf(approved));
  });
  r.post('/api/v1/force-majeure/:id/withdraw', requireRole(deps.db, 'operator'), async (c) => {
    const id = intParam(c.req.param('id'), 'id');
    const { name } = c.get('actor');
    const withdrawn = await decideForceMajeure(deps.db, id, 'withdraw', name, new Date(deps.now()));
    if (withdrawn === undefined) {
      if ((await getForceMajeure(deps.db, id)) === undefined) throw new ApiError('not_found', `no force-majeure event ${id}`);
      throw new ApiError('conflict', `force-majeure event ${id} is already withdrawn`);
    }
    await recompute(withdrawn.components, name);
    return c.json(viewOf(withdrawn));
  });
}
