import { activeMaintenances, statuspageMaintenances } from '../../public/statuspage.ts';
import { statuspageEndpoint } from './statuspage-endpoint.ts';

/** GET /api/v2/scheduled-maintenances/active.json (Statuspage): windows in progress now. */
export const statuspageActiveRoute = statuspageEndpoint('/api/v2/scheduled-maintenances/active.json', async (d, view) => ({
  page: view.page,
  scheduled_maintenances: await statuspageMaintenances(d, view, { load: activeMaintenances(view.now) }),
}));
