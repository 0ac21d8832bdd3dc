import { z } from 'zod';
import type { App } from '../app-type.ts';
import { renewContract, type Renewal } from '../../ledger/renewals.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { lineText } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at, atOrNull, vndDigits } from '../view-fields.ts';

const body = z.strictObject({ idempotencyKey: lineText(200).pipe(z.string().min(8)) });

/** A renewal (terms §8): money as digits; issue #19: the document's body and the type `reply` checks. */
const renewalView = z.strictObject({
  id: z.number().int(),
  contract: z.string(),
  idempotencyKey: z.string(),
  periodStart: at,
  periodEnd: at,
  feeVnd: vndDigits,
  deductionVnd: vndDigits,
  amountVnd: vndDigits,
  licenseExtensionSeconds: z.string().regex(/^\d+$/),
  previousExpiry: atOrNull,
  newExpiry: at,
  createdBy: z.string(),
  createdAt: at,
});

export const renewalSpecs = {
  create: { method: 'post', path: '/api/v1/contracts/:id/renewals', role: 'approver', summary: 'Renew for 12 months, applying every approved credit exactly once (terms §8); a retried key returns the same renewal', cli: ['renewals', 'create'], body, status: 201, response: renewalView, ok200: 'The key was used before: the renewal it made', conflict: 'The next period may not be renewed yet' },
  list: { method: 'get', path: '/api/v1/contracts/:id/renewals', role: 'viewer', summary: "A contract's renewals", cli: ['renewals', 'list'], response: z.strictObject({ renewals: z.array(renewalView) }) },
} as const satisfies Record<string, RouteSpec>;

const view = (r: Renewal) => ({
  id: r.id,
  contract: r.contract_id,
  idempotencyKey: r.idempotency_key,
  periodStart: r.period_start.toISOString(),
  periodEnd: r.period_end.toISOString(),
  feeVnd: r.fee_vnd,
  deductionVnd: r.deduction_vnd,
  amountVnd: r.amount_vnd,
  licenseExtensionSeconds: r.license_extension_seconds,
  previousExpiry: r.previous_expiry?.toISOString() ?? null,
  newExpiry: r.new_expiry.toISOString(),
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

/** POST /api/v1/contracts/:id/renewals (terms §8): applies approved credits exactly once; a retried key returns the same renewal. */
export function renewalsRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, renewalSpecs.create, async (c, { body: input }) => {
    const id = c.req.param('id')!;
    const outcome = await renewContract(deps.db, id, input.idempotencyKey, c.get('actor').name, new Date(deps.now()), deps.config().policy.excessCredit, deps.config().policy.daysPerYear);
    if (outcome === undefined) throw new ApiError('not_found', `no contract ${id}`);
    if (outcome.kind === 'too_early')
      throw new ApiError('conflict', `the period starting ${outcome.periodStart.toISOString()} is the next to renew, and its renewal opens ${outcome.opensAt.toISOString()}`);
    return reply(c, renewalSpecs.create, view(outcome.renewal), outcome.kind === 'created' ? 201 : 200);
  });
  on(app, deps.db, renewalSpecs.list, async (c) => {
    const id = c.req.param('id')!;
    // An unknown contract is a 404, not an empty list (issue #12's bad-input corpus).
    const contract = await deps.db.selectFrom('contracts').select('id').where('id', '=', id).executeTakeFirst();
    if (contract === undefined) throw new ApiError('not_found', `no contract ${id}`);
    const rows = await deps.db.selectFrom('renewals').selectAll().where('contract_id', '=', id).orderBy('id').execute();
    return reply(c, renewalSpecs.list, { renewals: rows.map(view) });
  });
}
