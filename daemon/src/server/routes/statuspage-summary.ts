import { notCancelled } from '../../public/maintenance.ts';
import { pageStatus, statuspageIncidents, statuspageMaintenances, unresolved } from '../../public/statuspage.ts';
import { statuspageEndpoint } from './statuspage-endpoint.ts';

/**
 * GET /api/v2/summary.json (Statuspage): the page, its status, every component
 * (groups as Statuspage groups), unresolved incidents, and maintenance that is
 * upcoming or in progress.
 */
export const statuspageSummaryRoute = statuspageEndpoint('/api/v2/summary.json', async (d, view) => {
  const [incidents, scheduled] = await Promise.all([
    statuspageIncidents(d, view, unresolved),
    statuspageMaintenances(d, view, (q) => notCancelled(q).where('ends_at', '>', new Date(view.now)).orderBy('starts_at').orderBy('id').limit(50)),
  ]);
  return { page: view.page, status: pageStatus(view.components, incidents), components: view.components, incidents, scheduled_maintenances: scheduled };
});
