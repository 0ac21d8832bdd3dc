import { recentIncidents, statuspageIncidents } from '../../public/statuspage.ts';
import { statuspageEndpoint } from './statuspage-endpoint.ts';

/** GET /api/v2/incidents.json (Statuspage): the 50 most recent incidents, whatever their status. */
export const statuspageIncidentsRoute = statuspageEndpoint('/api/v2/incidents.json', async (d, view) => ({
  page: view.page,
  incidents: await statuspageIncidents(d, view, recentIncidents),
}));
