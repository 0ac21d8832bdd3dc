import { statuspageEndpoint } from './statuspage-endpoint.ts';

/** GET /api/v2/components.json (Statuspage): components with their public status, groups as synthetic components. */
export const statuspageComponentsRoute = statuspageEndpoint('/api/v2/components.json', async (_d, view) => ({ page: view.page, components: view.components }));
