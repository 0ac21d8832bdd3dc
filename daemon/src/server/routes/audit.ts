import type { Hono } from 'hono';
import { z } from 'zod';
import { listAudit } from '../../audit/audit.repository.ts';
import { requireRole } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { parseInput } from '../validation.ts';

const query = z.strictObject({
  entity: z.string().min(1).optional(),
  entityId: z.string().min(1).optional(),
  before: z.string().regex(/^\d+$/, 'must be an audit id').optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** GET /api/v1/audit: the append-only record of every write (who, when, what, before and after), newest first. */
export function auditRoute(app: Hono<any>, deps: ServerDeps): void {
  app.get('/api/v1/audit', requireRole(deps.db, 'viewer'), async (c) => {
    const q = parseInput(query, c.req.query(), 'query');
    const rows = await listAudit(deps.db, { entity: q.entity, entityId: q.entityId, beforeId: q.before, limit: q.limit });
    return c.json({ entries: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after })) });
  });
}
