import { statuspageMaintenances, upcomingMaintenances } from '../../public/statuspage.ts';
import { statuspageEndpoint } from './statuspage-endpoint.ts';

/** GET /api/v2/scheduled-maintenances/upcoming.json (Statuspage): windows not yet started, soonest first. */
export const statuspageUpcomingRoute = statuspageEndpoint('/api/v2/scheduled-maintenances/upcoming.json', async (d, view) => ({
  page: view.page,
  scheduled_maintenances: await statuspageMaintenances(d, view, { load: upcomingMaintenances(view.now) }),
}));
