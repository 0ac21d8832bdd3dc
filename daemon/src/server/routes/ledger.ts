import type { Context } from 'hono';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import { apologised } from '../../incidents/incident.repository.ts';
import { apologiesOfEntries, type ApologyStatus } from '../../apologies/apology.repository.ts';
import { decideEntry, listEntries, type LedgerEntry } from '../../ledger/ledger.repository.ts';
import { CREDIT_AS } from '@sla/shared';
import { ENTRY_STATES, LEDGER_SOURCES } from '../../ledger/ledger.table.ts';
import { ApiError } from '../api-error.ts';
import type { ActorEnv } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { intParam, nonEmpty, refId } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at, atOrNull, signedDigits } from '../view-fields.ts';

const query = z.strictObject({ contract: refId.optional(), state: z.enum(ENTRY_STATES).optional() });
const reject = z.strictObject({ reason: nonEmpty });

/** An entry (docs/contract.md §4): a reversal's figures are negative; `line` is the engine's line as stored (issue #19). */
const entryShape = z.strictObject({
  id: z.number().int(),
  contract: z.string(),
  kind: z.enum(['credit', 'reversal']),
  source: z.enum(LEDGER_SOURCES),
  ref: z.string(),
  occurrence: z.number().int().nullable(),
  creditAs: z.enum(CREDIT_AS),
  licenseSeconds: signedDigits,
  amountVnd: signedDigits,
  policyVersion: z.string(),
  line: z.record(z.string(), z.unknown()),
  reverses: z.number().int().nullable(),
  replaces: z.number().int().nullable(),
  state: z.enum(ENTRY_STATES),
  createdBy: z.string(),
  createdAt: at,
  decidedBy: z.string().nullable(),
  decidedAt: atOrNull,
  decisionReason: z.string().nullable(),
  renewal: z.number().int().nullable(),
  appliedBy: z.string().nullable(),
  appliedAt: atOrNull,
  apologyPublished: z.boolean().optional().describe('Outage credits only: whether its public apology is posted (SLA §C.5)'),
  apology: z
    .strictObject({ state: z.enum(['draft', 'approved', 'sent']), sentAt: atOrNull })
    .nullable()
    .optional()
    .describe("Outage credits in the list only: the apology e-mailed to the contract's contacts (SLA §C.5; issue #15), null until drafted; sentAt from the outbox's delivery record"),
});
const conflict = 'The entry is no longer proposed';

export const ledgerSpecs = {
  list: { method: 'get', path: '/api/v1/ledger', role: 'viewer', summary: 'Ledger entries, newest first, with whether each outage has its public apology', cli: ['ledger', 'list'], query, response: z.strictObject({ entries: z.array(entryShape) }) },
  approve: { method: 'post', path: '/api/v1/ledger/:id/approve', role: 'approver', summary: 'Approve a proposed entry', cli: ['ledger', 'approve'], response: entryShape, conflict },
  reject: { method: 'post', path: '/api/v1/ledger/:id/reject', role: 'approver', summary: 'Reject a proposed entry, with a reason', cli: ['ledger', 'reject'], body: reject, response: entryShape, conflict },
} as const satisfies Record<string, RouteSpec>;

export function entryView(e: LedgerEntry, apology?: boolean, mailed?: ApologyStatus | null) {
  return {
    id: e.id,
    contract: e.contract_id,
    kind: e.kind,
    source: e.source,
    ref: e.ref,
    occurrence: e.occurrence,
    creditAs: e.credit_as,
    licenseSeconds: e.license_seconds,
    amountVnd: e.amount_vnd,
    policyVersion: e.policy_version,
    line: e.line,
    reverses: e.reverses_id,
    replaces: e.replaces_id,
    state: e.state,
    createdBy: e.created_by,
    createdAt: e.created_at.toISOString(),
    decidedBy: e.decided_by,
    decidedAt: e.decided_at?.toISOString() ?? null,
    decisionReason: e.decision_reason,
    renewal: e.renewal_id,
    appliedBy: e.applied_by,
    appliedAt: e.applied_at?.toISOString() ?? null,
    // SLA §C.5: a very critical outage also owes a public apology; shown beside its credit.
    ...(e.source === 'outage' ? { apologyPublished: apology ?? false } : {}),
    ...(e.source === 'outage' && mailed !== undefined ? { apology: mailed && { state: mailed.state, sentAt: mailed.sentAt?.toISOString() ?? null } } : {}),
  };
}

/** The credit ledger (docs/contract.md §4): list; approve or reject a proposal (approver role). */
export function ledgerRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, ledgerSpecs.list, async (c, { query: q }) => {
    const entries = await listEntries(deps.db, { contractId: q.contract, state: q.state });
    const outageIds = entries.filter((e) => e.source === 'outage').map((e) => Number(e.ref.slice(2)));
    const published = await apologised(deps.db, outageIds);
    const mailed = await apologiesOfEntries(deps.db, entries);
    return reply(c, ledgerSpecs.list, { entries: entries.map((e) => entryView(e, e.source === 'outage' && published.has(Number(e.ref.slice(2))), mailed.get(`${e.contract_id}\u0000${e.ref}`) ?? null)) });
  });
  const decide = (to: 'approved' | 'rejected', spec: typeof ledgerSpecs.approve | typeof ledgerSpecs.reject) => async (c: Context<ActorEnv>, { body }: { body: { reason: string } | undefined }) => {
    const id = intParam(c.req.param('id') ?? '', 'id');
    const reason = body?.reason ?? null;
    const entry = await decideEntry(deps.db, id, 'proposed', to, c.get('actor').name, reason, new Date(deps.now()));
    if (entry !== undefined) return reply(c, spec, entryView(entry));
    const existing = await deps.db.selectFrom('ledger_entries').select('state').where('id', '=', id).executeTakeFirst();
    if (existing === undefined) throw new ApiError('not_found', `no ledger entry ${id}`);
    throw new ApiError('conflict', `ledger entry ${id} is ${existing.state}, not proposed`);
  };
  on(app, deps.db, ledgerSpecs.approve, decide('approved', ledgerSpecs.approve));
  on(app, deps.db, ledgerSpecs.reject, decide('rejected', ledgerSpecs.reject));
}
