import type { Hono } from 'hono';
import { publicDeps } from '../../public/deps.ts';
import type { ServerDeps } from '../deps.ts';
import { createPageCache, hostPathKey, serveCached, text } from '../page-cache.ts';
import { historyFeed } from './feeds-atom.ts';

/** GET /history.rss: the same history as /history.atom, as RSS 2.0. */
export function feedsRssRoute(app: Hono<any>, deps: ServerDeps): void {
  const d = publicDeps(deps);
  const cache = createPageCache({ now: deps.now });
  app.get('/history.rss', (c) => {
    const origin = new URL(c.req.url).origin;
    return serveCached(c, cache, hostPathKey(c), async () => text((await historyFeed(d, origin)).rss2(), 'application/rss+xml; charset=utf-8'));
  });
}
