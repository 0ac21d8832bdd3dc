import type { Hono } from 'hono';
import { z } from 'zod';
import { renewContract, type Renewal } from '../../ledger/renewals.ts';
import { ApiError } from '../api-error.ts';
import { requireRole, type ActorEnv } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { jsonBody } from '../fields.ts';
import { parseInput } from '../validation.ts';

const body = z.strictObject({ idempotencyKey: z.string().min(8).max(200) });

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
export function renewalsRoute(app: Hono<any>, deps: ServerDeps): void {
  const r = app as unknown as Hono<ActorEnv>;
  r.post('/api/v1/contracts/:id/renewals', requireRole(deps.db, 'approver'), async (c) => {
    const input = parseInput(body, await jsonBody(c), 'body');
    const id = c.req.param('id');
    const outcome = await renewContract(deps.db, id, input.idempotencyKey, c.get('actor').name, new Date(deps.now()));
    if (outcome === undefined) throw new ApiError('not_found', `no contract ${id}`);
    return c.json(view(outcome.renewal), outcome.created ? 201 : 200);
  });
  r.get('/api/v1/contracts/:id/renewals', requireRole(deps.db, 'viewer'), async (c) => {
    const rows = await deps.db.selectFrom('renewals').selectAll().where('contract_id', '=', c.req.param('id')).orderBy('id').execute();
    return c.json({ renewals: rows.map(view) });
  });
}
