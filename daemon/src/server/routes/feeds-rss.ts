import type { App } from '../app-type.ts';
import type { ServerDeps } from '../deps.ts';
import { createPageCache, serveCached, text } from '../page-cache.ts';
import { feedKey, feedLang, historyFeed } from './feeds-atom.ts';

/** GET /history.rss[?lang=vi|en]: the same history as /history.atom, as RSS 2.0. */
export function feedsRssRoute(app: App, deps: ServerDeps): void {
  const d = deps.publicRead;
  const cache = createPageCache({ now: deps.now });
  app.get('/history.rss', (c) => {
    const origin = deps.publicUrl();
    const lang = feedLang(c);
    return serveCached(c, cache, feedKey(origin, c, lang), async () => text((await historyFeed(d, origin, lang)).rss2(), 'application/rss+xml; charset=utf-8'));
  });
}
