import type { Hono } from 'hono';
import { listComponents } from '../../catalog/catalog.repository.ts';
import type { ServerDeps } from '../deps.ts';

/** GET /api/v1/components: the public list with each component's current status. */
export function componentsRoute(app: Hono<any>, deps: ServerDeps): void {
  app.get('/api/v1/components', async (c) => {
    const rows = await listComponents(deps.db);
    return c.json({
      components: rows.map((r) => ({
        id: r.id,
        name: r.name,
        group: r.group_name,
        tier: r.tier,
        description: r.description,
        status: deps.tracker.status(r.id),
      })),
    });
  });
}
