import { IMPACTS, OUTAGE_CLASSES } from '@sla/shared';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import { decideWithdrawal, OUTAGE_SOURCES, outageView, recordOutages, type WithdrawResult } from '../../outages/recorded-outage.repository.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { instant, intParam, nonEmpty, refId } from '../fields.ts';
import { checkComponents } from '../references.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at, atOrNull } from '../view-fields.ts';

// docs/contract.md §1.5: an outage seen elsewhere is a closed interval with a reason and the evidence it rests on.
const record = z
  .strictObject({
    start: instant,
    end: instant,
    components: z.array(refId).min(1),
    impact: z.enum(IMPACTS),
    class: z.enum(OUTAGE_CLASSES).optional(),
    reason: nonEmpty,
    evidence: nonEmpty,
  })
  .refine((o) => o.end > o.start, { path: ['end'], message: 'must be after start' })
  .refine((o) => new Set(o.components).size === o.components.length, { path: ['components'], message: 'must not list a component twice' });
const withdraw = z.strictObject({ reason: nonEmpty });

/** An outage as the operators' routes answer it (private: persons, reason and evidence). */
export const recordedView = z.strictObject({
  id: z.number().int(),
  component: z.string(),
  impact: z.enum(IMPACTS),
  class: z.enum(OUTAGE_CLASSES).nullable(),
  startedAt: at,
  endedAt: atOrNull,
  source: z.enum(OUTAGE_SOURCES).describe('docs/contract.md §1.5: detected by the prober, or recorded by an operator'),
  recordedBy: z.string().nullable(),
  reason: z.string().nullable(),
  evidence: z.string().nullable(),
  withdrawRequestedBy: z.string().nullable(),
  withdrawRequestedAt: atOrNull,
  withdrawReason: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawnAt: atOrNull,
});

export const recordedOutageSpecs = {
  record: {
    method: 'post', path: '/api/v1/outages', role: 'operator', summary: 'Record an outage seen elsewhere, one per component (docs/contract.md §1.5); it raises what is owed at once',
    cli: ['outages', 'record'], body: record, status: 201, response: z.strictObject({ outages: z.array(recordedView) }), conflict: 'A stored outage on one of the components overlaps it (named in the message)',
  },
  withdraw: { method: 'post', path: '/api/v1/outages/:id/withdraw', role: 'operator', summary: 'Ask to withdraw a recorded outage; it counts until a second operator approves', cli: ['outages', 'withdraw'], body: withdraw, response: recordedView, conflict: 'The outage was detected, or its withdrawal was already asked or approved' },
  approveWithdrawal: { method: 'post', path: '/api/v1/outages/:id/withdraw/approve', role: 'approver', summary: 'Approve a withdrawal; the one who asked may not (docs/contract.md §1.5)', cli: ['outages', 'approve-withdrawal'], response: recordedView, conflict: 'Nobody asked, or it is already withdrawn' },
} as const satisfies Record<string, RouteSpec>;

const settled = (result: WithdrawResult) => {
  if (!result.ok) throw new ApiError(result.status, result.message);
  return result.outage;
};

/**
 * Outages an operator records (docs/contract.md §1.5): recording one can only
 * raise what is owed, so it counts at once; withdrawing one lowers money, so it
 * takes a second, different operator's approval, as force majeure does (§3.2).
 */
export function recordedOutagesRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, recordedOutageSpecs.record, async (c, { body: input }) => {
    if (input.end.getTime() > deps.now()) throw new ApiError('bad_request', 'invalid body', ['end: in the future; record an outage once it has ended']);
    await checkComponents(deps.db, input.components);
    const { name } = c.get('actor');
    const result = await recordOutages(deps.db, input, name);
    if (!result.ok) {
      const o = result.overlapping;
      throw new ApiError('conflict', `outage ${o.id} on ${o.component_id} (${o.started_at.toISOString()} – ${o.ended_at?.toISOString() ?? 'still open'}) overlaps the one recorded; no minute is credited twice`);
    }
    await deps.ledger.recomputeForComponents(input.components, name);
    return reply(c, recordedOutageSpecs.record, { outages: result.outages.map(outageView) });
  });
  on(app, deps.db, recordedOutageSpecs.withdraw, async (c, { body: input }) => {
    const id = intParam(c.req.param('id')!, 'id');
    const outage = settled(await decideWithdrawal(deps.db, id, 'request', c.get('actor').name, new Date(deps.now()), input.reason));
    return reply(c, recordedOutageSpecs.withdraw, outageView(outage));
  });
  on(app, deps.db, recordedOutageSpecs.approveWithdrawal, async (c) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const asked = (await deps.db.selectFrom('outages').select('withdraw_requested_by').where('id', '=', id).executeTakeFirst())?.withdraw_requested_by;
    if (asked === name)
      throw new ApiError('forbidden', `${name} asked for this withdrawal and cannot also approve it: withdrawing a recorded outage lowers money, so it needs a second, different approver (docs/contract.md §1.5)`);
    const outage = settled(await decideWithdrawal(deps.db, id, 'approve', name, new Date(deps.now())));
    await deps.ledger.recomputeForComponents([outage.component_id], name);
    return reply(c, recordedOutageSpecs.approveWithdrawal, outageView(outage));
  });
}
