import { z } from 'zod';
import type { App } from '../app-type.ts';
import { listAudit } from '../../audit/audit.repository.ts';
import type { ServerDeps } from '../deps.ts';
import { bigIdText, lineText } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { at } from '../view-fields.ts';

const query = z.strictObject({
  entity: lineText().pipe(z.string().min(1)).optional(),
  entityId: lineText().pipe(z.string().min(1)).optional(),
  before: bigIdText.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** Newest first; `before`/`after` are the entity as it was and became, each write's own shape (issue #19). */
const entriesView = z.strictObject({
  entries: z.array(
    z.strictObject({
      id: z.string().regex(/^\d+$/).describe('bigserial as digits: pass as `before` for the next page'),
      at,
      actor: z.string(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string(),
      // Any JSON the write recorded (null: none); its shape is the action's.
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

export const auditSpecs = {
  list: { method: 'get', path: '/api/v1/audit', role: 'viewer', summary: 'The append-only record of every write: who, when, what, before and after', cli: ['audit', 'list'], query, response: entriesView },
} as const satisfies Record<string, RouteSpec>;

/** GET /api/v1/audit: the append-only record of every write (who, when, what, before and after), newest first. */
export function auditRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, auditSpecs.list, async (c, { query: q }) => {
    const rows = await listAudit(deps.db, { entity: q.entity, entityId: q.entityId, beforeId: q.before, limit: q.limit });
    return reply(c, auditSpecs.list, { entries: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after })) });
  });
}
