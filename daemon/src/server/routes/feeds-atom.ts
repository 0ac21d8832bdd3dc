import { Feed } from 'feed';
import type { Hono } from 'hono';
import { PAGE, publicDeps, type PublicDeps } from '../../public/deps.ts';
import { historyItems } from '../../public/history.ts';
import type { ServerDeps } from '../deps.ts';
import { createPageCache, hostPathKey, serveCached, text } from '../page-cache.ts';

/** The incident and maintenance history as a `feed` Feed; shared by /history.atom and /history.rss. */
export async function historyFeed(d: PublicDeps, origin: string): Promise<Feed> {
  const items = await historyItems(d, origin);
  const feed = new Feed({
    id: `${origin}/`,
    title: `${PAGE.name}: incidents and maintenance`,
    link: `${origin}/`,
    language: 'en',
    updated: items[0]?.updated ?? new Date(0),
    generator: 'SLA Ledger',
    feedLinks: { atom: `${origin}/history.atom`, rss: `${origin}/history.rss` },
    copyright: '',
  });
  // RSS readers show <description>, Atom readers <content>: the same HTML in both.
  for (const item of items) feed.addItem({ title: item.title, id: item.id, link: item.id, date: item.updated, published: item.published, description: item.html, content: item.html });
  return feed;
}

/** GET /history.atom: incidents and maintenance, most recently changed first (Atom 1.0). */
export function feedsAtomRoute(app: Hono<any>, deps: ServerDeps): void {
  const d = publicDeps(deps);
  const cache = createPageCache({ now: deps.now });
  app.get('/history.atom', (c) => {
    const origin = new URL(c.req.url).origin;
    return serveCached(c, cache, hostPathKey(c), async () => text((await historyFeed(d, origin)).atom1(), 'application/atom+xml; charset=utf-8'));
  });
}
