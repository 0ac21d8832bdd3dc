import { IMPACTS } from '@sla/shared';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import { listOutages } from '../../outages/outage.repository.ts';
import { OUTAGE_SOURCES, outageSource } from '../../outages/recorded-outage.repository.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { lineText } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at, atOrNull } from '../view-fields.ts';

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant with an offset or Z' });
const query = z.strictObject({
  component: lineText().pipe(z.string().min(1)).optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

// Public: the first failure's kind only (issue #19: the document's body, and the type `reply` checks).
const outagesView = z.strictObject({
  outages: z.array(z.strictObject({ id: z.number().int(), component: z.string(), impact: z.enum(IMPACTS), startedAt: at, endedAt: atOrNull, firstFailure: z.string().nullable(), source: z.enum(OUTAGE_SOURCES) })),
});

export const outageSpecs = {
  list: { method: 'get', path: '/api/v1/outages', summary: 'Outages overlapping [from, to), newest first (public)', cli: ['outages', 'list'], query, response: outagesView },
} as const satisfies Record<string, RouteSpec>;

/**
 * GET /api/v1/outages?component=&from=&to=: outages overlapping [from, to),
 * newest first. Public, so the first failure's kind is shown but not its
 * message, which can name internal hosts.
 */
export function outagesRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, outageSpecs.list, async (c, { query: q }) => {
    const from = q.from === undefined ? undefined : new Date(q.from);
    const to = q.to === undefined ? undefined : new Date(q.to);
    if (from && to && to <= from) throw new ApiError('bad_request', 'invalid query', ['to: must be after from']);
    const rows = await listOutages(deps.db, { componentId: q.component, from, to, limit: q.limit });
    return reply(c, outageSpecs.list, {
      outages: rows.map((o) => ({
        id: o.id,
        component: o.component_id,
        impact: o.impact,
        startedAt: o.started_at.toISOString(),
        endedAt: o.ended_at?.toISOString() ?? null,
        firstFailure: o.failure_kind,
        // docs/contract.md §1.5: who found it, never who they are (a person's name is private).
        source: outageSource(o),
      })),
    });
  });
}
