import type { ForceMajeureResponse } from '@sla/shared/public-api/index.ts';
import type { App } from '../app-type.ts';
import { listComponents } from '../../catalog/catalog.repository.ts';
import { loadForceMajeure, toPublicForceMajeure } from '../../public/force-majeure.ts';
import type { ServerDeps } from '../deps.ts';

// The end of PostgreSQL's timestamptz range is far beyond JavaScript's; this is far enough.
const END_OF_TIME = new Date('9999-12-31T00:00:00Z');

/** GET /api/v1/public/force-majeure: effective force-majeure notices (terms §11), newest first; public description only. */
export function publicForceMajeureRoute(app: App, deps: ServerDeps): void {
  const d = deps.publicRead;
  app.get('/api/v1/public/force-majeure', async (c) => {
    const [events, components] = await Promise.all([loadForceMajeure(d, { from: new Date(0), to: END_OF_TIME }, 200), listComponents(d.db)]);
    const names = new Map(components.map((x) => [x.id, x.name]));
    const body: ForceMajeureResponse = { notices: events.map((e) => toPublicForceMajeure(e, names)) };
    return c.json(body);
  });
}
