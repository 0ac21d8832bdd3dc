import { z } from 'zod';
import { decideSuspect, listSuspects, type SuspectPeriod } from '../../suspects/suspect.repository.ts';
import { SUSPECT_DECISIONS } from '../../suspects/suspect-period.table.ts';
import type { App } from '../app-type.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { intParam, nonEmpty } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at, atOrNull } from '../view-fields.ts';

const query = z.strictObject({ undecided: z.enum(['true', 'false']).optional() });
const decide = z.strictObject({ decision: z.enum(SUSPECT_DECISIONS), reason: nonEmpty });

/** A suspect period (issue #14) as both routes answer it; issue #19: the document's body. */
const periodView = z.strictObject({
  id: z.number().int(),
  monitor: z.string(),
  component: z.string(),
  startedAt: at,
  endedAt: atOrNull,
  failure: z.strictObject({ kind: z.string(), message: z.string() }).nullable(),
  decision: z.enum(SUSPECT_DECISIONS).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: atOrNull,
  reason: z.string().nullable(),
  outage: z.number().int().nullable(),
});

export const suspectSpecs = {
  list: { method: 'get', path: '/api/v1/suspect-periods', role: 'viewer', summary: 'Runs of results stored as unknown while the prober believed itself cut off, for an operator to confirm or dismiss (issue #14)', cli: ['suspects', 'list'], query, response: z.strictObject({ suspectPeriods: z.array(periodView) }) },
  decide: { method: 'post', path: '/api/v1/suspect-periods/:id/decision', role: 'operator', summary: 'Confirm a suspect period as an outage (recorded as a major outage over the period, and credited as any outage) or dismiss it, with a reason; audited', cli: ['suspects', 'decide'], body: decide, response: periodView, conflict: 'Already decided, still going on, or overlapping a recorded outage' },
} as const satisfies Record<string, RouteSpec>;

const view = (p: SuspectPeriod) => ({
  id: p.id,
  monitor: p.monitor_id,
  component: p.component_id,
  startedAt: p.started_at.toISOString(),
  endedAt: p.ended_at?.toISOString() ?? null,
  failure: p.failure_kind === null ? null : { kind: p.failure_kind, message: p.failure_message ?? '' },
  decision: p.decision,
  decidedBy: p.decided_by,
  decidedAt: p.decided_at?.toISOString() ?? null,
  reason: p.reason,
  outage: p.outage_id,
});

/** Suspect periods (issue #14): listed for operators, who decide what they were. */
export function suspectsRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, suspectSpecs.list, async (c, { query: q }) => {
    const rows = await listSuspects(deps.db, { undecided: q.undecided === 'true' });
    return reply(c, suspectSpecs.list, { suspectPeriods: rows.map(view) });
  });
  on(app, deps.db, suspectSpecs.decide, async (c, { body: input }) => {
    const id = intParam(c.req.param('id')!, 'id');
    const { name } = c.get('actor');
    const result = await decideSuspect(deps.db, id, input.decision, input.reason, name, new Date(deps.now()));
    if (!result.ok) throw new ApiError(result.status, result.message);
    // A confirmed period is an outage like any other: its credits follow (SLA §C.5).
    if (result.period.outage_id !== null) await deps.ledger.recomputeForComponents([result.period.component_id], name);
    return reply(c, suspectSpecs.decide, view(result.period));
  });
}
