import type { App } from '../app-type.ts';
import { createOverviewSource } from '../../public/overview.ts';
import { timeZoneQuery } from '../../public/query.ts';
import { createSnapshotSource } from '../../public/snapshot.ts';
import type { ServerDeps } from '../deps.ts';
import { parseInput } from '../validation.ts';

/** GET /api/v1/public/overview?tz=ZONE: the status page's front page as JSON (schema: shared/src/public-api/overview.ts). */
export function publicOverviewRoute(app: App, deps: ServerDeps): void {
  const d = deps.publicRead;
  const overview = createOverviewSource(d, createSnapshotSource(d));
  app.get('/api/v1/public/overview', async (c) => {
    const q = parseInput(timeZoneQuery, c.req.query(), 'query');
    return c.json(await overview(q.tz));
  });
}
