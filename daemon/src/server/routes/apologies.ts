import { z } from 'zod';
import { type Apology, approveApology, editApology, listApologies, statusesOf, type ApologyStatus } from '../../apologies/apology.repository.ts';
import { ApiError } from '../api-error.ts';
import type { App } from '../app-type.ts';
import type { ServerDeps } from '../deps.ts';
import { intParam, nonEmpty, refId, title } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at, atOrNull, signedDigits } from '../view-fields.ts';

const query = z.strictObject({ contract: refId.optional() });
const edit = z
  .strictObject({ subjectVi: title.optional(), bodyVi: nonEmpty.optional(), subjectEn: title.optional(), bodyEn: nonEmpty.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give at least one of subjectVi, bodyVi, subjectEn, bodyEn' });

/** Private: a customer's apology (issue #15, SLA §C.5); `sentAt` is the outbox's last delivery of it. */
const apologyView = z.strictObject({
  id: z.number().int(),
  contract: z.string(),
  outage: z.number().int(),
  licenseSeconds: signedDigits,
  state: z.enum(['draft', 'approved', 'sent']),
  sentAt: atOrNull,
  vi: z.strictObject({ subject: z.string(), body: z.string() }),
  en: z.strictObject({ subject: z.string(), body: z.string() }),
  createdAt: at,
  editedBy: z.string().nullable(),
  editedAt: atOrNull,
  approvedBy: z.string().nullable(),
  approvedAt: atOrNull,
});
const notDraft = 'The apology is no longer a draft, or (approve) its contract has no contact to send it to or its outage was withdrawn';

export const apologySpecs = {
  list: { method: 'get', path: '/api/v1/apologies', role: 'viewer', summary: 'The SLA §C.5 apologies owed after very critical outages: drafts, approved, sent (private)', cli: ['apologies', 'list'], query, response: z.strictObject({ apologies: z.array(apologyView) }) },
  edit: { method: 'patch', path: '/api/v1/apologies/:id', role: 'operator', summary: 'Edit a draft apology’s text (audited)', cli: ['apologies', 'edit'], body: edit, response: apologyView, conflict: notDraft },
  approve: { method: 'post', path: '/api/v1/apologies/:id/approve', role: 'approver', summary: 'Approve a draft apology: it is e-mailed to the contract’s contacts, each in their language', cli: ['apologies', 'approve'], response: apologyView, conflict: notDraft },
} as const satisfies Record<string, RouteSpec>;

function apologyOut(a: Apology, status: ApologyStatus) {
  return {
    id: a.id,
    contract: a.contract_id,
    outage: a.outage_id,
    licenseSeconds: a.license_seconds,
    state: status.state,
    sentAt: status.sentAt?.toISOString() ?? null,
    vi: { subject: a.subject_vi, body: a.body_vi },
    en: { subject: a.subject_en, body: a.body_en },
    createdAt: a.created_at.toISOString(),
    editedBy: a.edited_by,
    editedAt: a.edited_at?.toISOString() ?? null,
    approvedBy: a.approved_by,
    approvedAt: a.approved_at?.toISOString() ?? null,
  };
}

/** Issue #15, SLA §C.5: the apologies a very critical outage owes, drafted by the ledger, edited and approved here. */
export function apologiesRoute(app: App, deps: ServerDeps): void {
  const view = async (a: Apology) => apologyOut(a, (await statusesOf(deps.db, [a])).get(a.id)!);
  const refused = (id: number, outcome: 'not_found' | 'not_draft' | 'no_contacts' | 'withdrawn'): never => {
    if (outcome === 'not_found') throw new ApiError('not_found', `no apology ${id}`);
    if (outcome === 'not_draft') throw new ApiError('conflict', `apology ${id} is already approved`);
    if (outcome === 'withdrawn') throw new ApiError('conflict', `apology ${id}: its outage was withdrawn, so nothing is owed for it`);
    throw new ApiError('conflict', `apology ${id}: its contract has no contact to send it to (sla contacts add)`);
  };
  on(app, deps.db, apologySpecs.list, async (c, { query: q }) => {
    const rows = await listApologies(deps.db, { contractId: q.contract });
    const statuses = await statusesOf(deps.db, rows);
    return reply(c, apologySpecs.list, { apologies: rows.map((a) => apologyOut(a, statuses.get(a.id)!)) });
  });
  on(app, deps.db, apologySpecs.edit, async (c, { body }) => {
    const id = intParam(c.req.param('id')!, 'id');
    const changes = { subject_vi: body.subjectVi, body_vi: body.bodyVi, subject_en: body.subjectEn, body_en: body.bodyEn };
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const outcome = await editApology(deps.db, id, given, c.get('actor').name, new Date(deps.now()));
    if (typeof outcome === 'string') return refused(id, outcome);
    return reply(c, apologySpecs.edit, await view(outcome));
  });
  on(app, deps.db, apologySpecs.approve, async (c) => {
    const id = intParam(c.req.param('id')!, 'id');
    const outcome = await approveApology(deps.db, id, c.get('actor').name, new Date(deps.now()));
    if (typeof outcome === 'string') return refused(id, outcome);
    // Committed: this daemon's outbox tries the mails at once (outbox/bell.ts), not at its next poll.
    deps.outboxBell.ring();
    return reply(c, apologySpecs.approve, await view(outcome));
  });
}
