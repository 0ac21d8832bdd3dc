import { z } from 'zod';
import type { App } from '../app-type.ts';
import { recordAudit } from '../../audit/audit.repository.ts';
import { createIncident } from '../../incidents/incident.repository.ts';
import { INCIDENT_IMPACTS } from '../../incidents/incident.table.ts';
import { tellSecurityViolation } from '../../outbox/security-notices.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { nonEmpty, refId, title } from '../fields.ts';
import { tellSubscribers } from './incidents.ts';
import { checkComponents } from '../references.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';

const inBoth = <T extends z.ZodType>(text: T) => z.strictObject({ vi: text, en: text });
const declare = z.strictObject({
  /** The public incident: on the status page for everyone, so it names no customer. */
  title,
  publicBody: nonEmpty,
  impact: z.enum(INCIDENT_IMPACTS).default('major'),
  components: z.array(refId).default([]),
  /** The contracts whose customers' data it touched: their contacts are e-mailed. */
  contracts: z.array(refId).min(1),
  message: z.strictObject({ subject: inBoth(title), body: inBoth(nonEmpty) }),
});
const declared = z.strictObject({ incident: z.number().int(), told: z.number().int().describe('E-mails queued: one per contact address of the affected contracts') });

export const securityNoticeSpecs = {
  declare: {
    method: 'post',
    path: '/api/v1/security-notices',
    role: 'operator',
    summary: 'Declare a security violation (privacy policy, terms §4–5): a public incident naming no customer, and an e-mail to the contacts of each affected contract',
    cli: ['security', 'declare'],
    body: declare,
    status: 201,
    response: declared,
  },
} as const satisfies Record<string, RouteSpec>;

/** docs/contract.md §5: customers are told promptly; the page says it happened, never to whom. */
export function securityNoticesRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, securityNoticeSpecs.declare, async (c, { body: input }) => {
    await checkComponents(deps.db, input.components);
    const contracts = await deps.db.selectFrom('contracts').select(['id', 'customer']).where('id', 'in', input.contracts).execute();
    const known = new Set(contracts.map((r) => r.id));
    const problems = input.contracts.flatMap((id, i) => (known.has(id) ? [] : [`contracts[${i}]: unknown contract "${id}"`]));
    // The public words must not say whose data it was (docs/contract.md §5).
    const publicText = `${input.title}\n${input.publicBody}`.toLowerCase();
    for (const r of contracts) if (publicText.includes(r.customer.toLowerCase()) || publicText.includes(r.id.toLowerCase())) problems.push(`publicBody: names a customer or contract (${r.id}); the public incident must not`);
    if (problems.length > 0) throw new ApiError('bad_request', 'invalid body', problems);
    const now = new Date(deps.now());
    let told = 0;
    // A public post like any other: the page's subscribers of its components hear of it too (never who was affected).
    const subscribers = tellSubscribers(deps);
    const incident = await createIncident(
      deps.db,
      { title: input.title, status: 'identified', impact: input.impact, body: input.publicBody, components: input.components, outages: [], apology: false, affected: [] },
      c.get('actor').name,
      now,
      async (tx, posted) => {
        told = await tellSecurityViolation(tx, posted.id, input.contracts, input.message, now);
        await recordAudit(tx, { actor: c.get('actor').name, action: 'security.declare', entity: 'incident', entityId: posted.id, after: { contracts: input.contracts, told } });
        await subscribers?.(tx, posted);
      },
    );
    deps.outboxBell.ring();
    return reply(c, securityNoticeSpecs.declare, { incident: incident.id, told });
  });
}
