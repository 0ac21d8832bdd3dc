import type { App } from '../app-type.ts';
import { buildComponentPage } from '../../public/component-page.ts';
import { timeZoneQuery } from '../../public/query.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { parseInput } from '../validation.ts';

/** GET /api/v1/public/components/:id?tz=ZONE: one component's page as JSON (schema: shared/src/public-api/component-page.ts). */
export function publicComponentRoute(app: App, deps: ServerDeps): void {
  const d = deps.publicRead;
  app.get('/api/v1/public/components/:id', async (c) => {
    const q = parseInput(timeZoneQuery, c.req.query(), 'query');
    const page = await buildComponentPage(d, c.req.param('id'), q.tz);
    if (page === undefined) throw new ApiError('not_found', 'no such component');
    return c.json(page);
  });
}
