import { FORCE_MAJEURE_CATEGORIES } from '@sla/shared';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import { declareForceMajeure, decideForceMajeure, getForceMajeure, viewOf } from '../../force-majeure/force-majeure.repository.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { instant, intParam, nonEmpty, refId } from '../fields.ts';
import { checkComponents } from '../references.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at, atOrNull } from '../view-fields.ts';

const declare = z
  .strictObject({
    category: z.enum(FORCE_MAJEURE_CATEGORIES),
    description: nonEmpty,
    // docs/contract.md §3.2: force majeure removes money owed, so it needs evidence — a URL or a text (issue #12).
    evidence: nonEmpty,
    components: z.array(refId).min(1).optional(),
    startsAt: instant,
    endsAt: instant,
  })
  .refine((f) => f.endsAt > f.startsAt, { path: ['endsAt'], message: 'must be after startsAt' });

/** An event as every force-majeure route answers it (private: evidence and persons; issue #19). `components` null = all. */
const eventView = z.strictObject({
  id: z.number().int(),
  category: z.enum(FORCE_MAJEURE_CATEGORIES),
  description: z.string(),
  evidence: z.string(),
  components: z.array(z.string()).nullable(),
  startsAt: at,
  endsAt: at,
  declaredBy: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: atOrNull,
  withdrawnBy: z.string().nullable(),
  withdrawnAt: atOrNull,
});

export const forceMajeureSpecs = {
  declare: { method: 'post', path: '/api/v1/force-majeure', role: 'operator', summary: 'Declare a force-majeure event (terms §11); it excludes nothing until approved', cli: ['fm', 'declare'], body: declare, status: 201, response: eventView },
  show: { method: 'get', path: '/api/v1/force-majeure/:id', role: 'viewer', summary: 'A force-majeure event', cli: ['fm', 'show'], response: eventView },
  approve: { method: 'post', path: '/api/v1/force-majeure/:id/approve', role: 'approver', summary: 'Approve an event; the declarer may not (docs/contract.md §3.2)', cli: ['fm', 'approve'], response: eventView, conflict: 'The event is already approved or withdrawn' },
  withdraw: { method: 'post', path: '/api/v1/force-majeure/:id/withdraw', role: 'operator', summary: 'Withdraw an event', cli: ['fm', 'withdraw'], response: eventView, conflict: 'The event is already withdrawn' },
} as const satisfies Record<string, RouteSpec>;

/** Force majeure (terms §11, docs/contract.md §3.2): declared by an operator, effective once a different approver approves. */
export function forceMajeureRoute(app: App, deps: ServerDeps): void {
  const recompute = (components: string[] | null, actor: string) => deps.ledger.recomputeForComponents(components ?? 'all', actor);
  on(app, deps.db, forceMajeureSpecs.declare, async (c, { body: input }) => {
    if (input.components) await checkComponents(deps.db, input.components);
    const row = await declareForceMajeure(deps.db, input, c.get('actor').name);
    return reply(c, forceMajeureSpecs.declare, viewOf(row));
  });
  on(app, deps.db, forceMajeureSpecs.show, async (c) => {
    const row = await getForceMajeure(deps.db, intParam(c.req.param('id')!, 'id'));
    if (row === undefined) throw new ApiError('not_found', `no force-majeure event ${c.req.param('id')}`);
    return reply(c, forceMajeureSpecs.show, viewOf(row));
  });
  on(app, deps.db, forceMajeureSpecs.approve, async (c) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const row = await getForceMajeure(deps.db, id);
    if (row === undefined) throw new ApiError('not_found', `no force-majeure event ${id}`);
    // It removes money owed to customers, so it takes two people (docs/contract.md §3.2 Default).
    if (deps.config().policy.forceMajeureNeedsSecondApprover && row.declared_by === name)
      throw new ApiError('forbidden', `${name} declared this event and cannot also approve it: force majeure needs a second, different approver (docs/contract.md §3.2)`);
    const approved = await decideForceMajeure(deps.db, id, 'approve', name, new Date(deps.now()));
    if (approved === undefined) throw new ApiError('conflict', `force-majeure event ${id} is already approved or withdrawn`);
    await recompute(approved.components, name);
    return reply(c, forceMajeureSpecs.approve, viewOf(approved));
  });
  on(app, deps.db, forceMajeureSpecs.withdraw, async (c) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const withdrawn = await decideForceMajeure(deps.db, id, 'withdraw', name, new Date(deps.now()));
    if (withdrawn === undefined) {
      if ((await getForceMajeure(deps.db, id)) === undefined) throw new ApiError('not_found', `no force-majeure event ${id}`);
      throw new ApiError('conflict', `force-majeure event ${id} is already withdrawn`);
    }
    await recompute(withdrawn.components, name);
    return reply(c, forceMajeureSpecs.withdraw, viewOf(withdrawn));
  });
}
