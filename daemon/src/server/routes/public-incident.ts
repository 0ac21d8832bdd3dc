import { z } from 'zod';
import type { App } from '../app-type.ts';
import { loadIncidents, toPublicIncident } from '../../public/incidents.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';

const params = z.object({ id: z.coerce.number().int().min(1).max(2 ** 31 - 1) });

/** GET /api/v1/public/incidents/:id: one incident with all its updates, newest first. */
export function publicIncidentRoute(app: App, deps: ServerDeps): void {
  app.get('/api/v1/public/incidents/:id', async (c) => {
    const parsed = params.safeParse(c.req.param());
    const [incident] = parsed.success ? await loadIncidents(deps.publicRead.db, (q) => q.where('id', '=', parsed.data.id)) : [];
    if (incident === undefined) throw new ApiError('not_found', 'no such incident');
    return c.json({ incident: toPublicIncident(incident) });
  });
}
