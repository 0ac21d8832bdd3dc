import { statuspageIncidents, unresolved } from '../../public/statuspage.ts';
import { statuspageEndpoint } from './statuspage-endpoint.ts';

/** GET /api/v2/incidents/unresolved.json (Statuspage): incidents investigating, identified or monitoring, newest first. */
export const statuspageUnresolvedRoute = statuspageEndpoint('/api/v2/incidents/unresolved.json', async (d, view) => ({
  page: view.page,
  incidents: await statuspageIncidents(d, view, unresolved),
}));
