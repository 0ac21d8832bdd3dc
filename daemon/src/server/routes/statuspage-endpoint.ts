import type { StatuspageBody, StatuspagePath } from '@sla/shared/public-api/index.ts';
import type { App } from '../app-type.ts';
import type { PublicReadModel } from '../../public/read-model.ts';
import { statuspageView, type StatuspageView } from '../../public/statuspage.ts';
import type { ServerDeps } from '../deps.ts';
import { createPageCache, json, originPathKey, serveCached } from '../page-cache.ts';

/**
 * One of Statuspage's public endpoints: GET `path`, its body built from the
 * page's view, served from a per-endpoint cache (one render per second per
 * public URL: the body's links carry it). The body's type is the
 * endpoint's schema in shared/src/public-api/statuspage.ts.
 */
export function statuspageEndpoint<P extends StatuspagePath>(path: P, build: (d: PublicReadModel, view: StatuspageView) => Promise<StatuspageBody<P>>) {
  return (app: App, deps: ServerDeps): void => {
    const d = deps.publicRead;
    const cache = createPageCache({ now: deps.now });
    app.get(path, (c) => {
      const origin = deps.publicUrl();
      return serveCached(c, cache, originPathKey(origin, c), async () => json(await build(d, await statuspageView(d, origin))));
    });
  };
}
