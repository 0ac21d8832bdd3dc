import { recentMaintenance, statuspageMaintenances } from '../../public/statuspage.ts';
import { statuspageEndpoint } from './statuspage-endpoint.ts';

/** GET /api/v2/scheduled-maintenances.json (Statuspage): the 50 most recent windows, latest start first; cancelled ones are withdrawn. */
export const statuspageMaintenancesRoute = statuspageEndpoint('/api/v2/scheduled-maintenances.json', async (d, view) => ({
  page: view.page,
  scheduled_maintenances: await statuspageMaintenances(d, view, recentMaintenance),
}));
