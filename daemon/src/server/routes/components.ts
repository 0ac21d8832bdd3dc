import type { App } from '../app-type.ts';
import { listComponents } from '../../catalog/catalog.repository.ts';
import { currentStatus } from '../../public/current-status.ts';
import { activeMaintenance } from '../../public/occurrences.ts';
import type { ServerDeps } from '../deps.ts';

/**
 * GET /api/v1/components: the public list with each component's current
 * status, the same one the status page and the Statuspage JSON show (an
 * operational component inside an active window is under_maintenance).
 */
export function componentsRoute(app: App, deps: ServerDeps): void {
  app.get('/api/v1/components', async (c) => {
    const [rows, active] = await Promise.all([listComponents(deps.db), activeMaintenance(deps.db, deps.now())]);
    return c.json({
      components: rows.map((r) => ({
        id: r.id,
        name: r.name,
        group: r.group_name,
        tier: r.tier,
        description: r.description,
        status: currentStatus(deps.tracker.status(r.id), r.id, active),
      })),
    });
  });
}
