import type { IncidentsPage } from '@sla/shared/public-api/index.ts';
import type { App } from '../app-type.ts';
import { countIncidents, loadIncidents, newestFirst, toPublicIncident } from '../../public/incidents.ts';
import { pageQuery, PAGE_SIZE, pageCount } from '../../public/query.ts';
import type { ServerDeps } from '../deps.ts';
import { parseInput } from '../validation.ts';

/** GET /api/v1/public/incidents?page=N: incident history, newest first, 20 a page. */
export function publicIncidentsRoute(app: App, deps: ServerDeps): void {
  app.get('/api/v1/public/incidents', async (c) => {
    const { page } = parseInput(pageQuery, c.req.query(), 'query');
    const [total, rows] = await Promise.all([
      countIncidents(deps.publicRead.db),
      loadIncidents(deps.publicRead.db, (q) => newestFirst(q).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)),
    ]);
    const body: IncidentsPage = { incidents: rows.map(toPublicIncident), page, pageCount: pageCount(total), total };
    return c.json(body);
  });
}
