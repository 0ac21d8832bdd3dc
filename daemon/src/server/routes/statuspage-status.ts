import { pageStatus, statuspageIncidents, unresolved } from '../../public/statuspage.ts';
import { statuspageEndpoint } from './statuspage-endpoint.ts';

/** GET /api/v2/status.json (Statuspage): the page and its indicator, the worse of components and unresolved incidents. */
export const statuspageStatusRoute = statuspageEndpoint('/api/v2/status.json', async (d, view) => ({
  page: view.page,
  status: pageStatus(view.components, await statuspageIncidents(d, view, unresolved)),
}));
