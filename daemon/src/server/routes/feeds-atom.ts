import { dictionary } from '@sla/shared/status/i18n/index.ts';
import { DEFAULT_LANG, type Lang } from '@sla/shared/status/variant.ts';
import type { Feed } from 'feed';
import type { Context } from 'hono';
import type { App } from '../app-type.ts';
import type { PublicReadModel } from '../../public/read-model.ts';
import { escapeHtml, historyItems } from '../../public/history.ts';
import { langQuery } from '../lang-query.ts';
import type { ServerDeps } from '../deps.ts';
import { createPageCache, originPathKey, serveCached, text } from '../page-cache.ts';

/** The feed's language: `?lang=vi|en`, else the status page's default (Vietnamese). */
export function feedLang(c: Context): Lang {
  return langQuery(c, DEFAULT_LANG);
}

/** The cache key of a feed variant: public URL, path and language. */
export function feedKey(origin: string, c: Context, lang: Lang): string {
  return `${originPathKey(origin, c)}?lang=${lang}`;
}

/** The incident and maintenance history as a `feed` Feed; shared by /history.atom and /history.rss. */
export async function historyFeed(d: PublicReadModel, origin: string, lang: Lang): Promise<Feed> {
  const words = dictionary(lang);
  const query = lang === DEFAULT_LANG ? '' : `?lang=${lang}`;
  const items = await historyItems(d, origin, words, query);
  // `feed` and its XML writer load with the first feed asked for, not at every start (issue #13).
  const { Feed } = await import('feed');
  const feed = new Feed({
    id: `${origin}/`,
    title: `${words.site}: ${words.nav.incidents}, ${words.nav.maintenance}`,
    // RSS 2.0 requires a channel description; RFC 4287 §4.1.1 an author (the status page itself).
    description: words.feeds.about,
    author: { name: words.site, link: `${origin}/${query}` },
    link: `${origin}/${query}`,
    language: words.htmlLang,
    updated: items[0]?.updated ?? new Date(0),
    generator: 'SLA Ledger',
    feedLinks: { atom: `${origin}/history.atom${query}`, rss: `${origin}/history.rss${query}` },
    copyright: '',
  });
  // <description>/<summary> is a one-line text, <content> the whole HTML (issue #19: a summary equal to its content says nothing).
  // Titles are operators' text, but `feed` labels Atom titles type="html" (and
  // RSS readers commonly render titles as HTML): escaped, so a reader shows
  // `<img src=x onerror=…>` as those characters (issue #12).
  for (const item of items) feed.addItem({ title: escapeHtml(item.title), id: item.id, link: item.link, date: item.updated, published: item.published, description: escapeHtml(item.summary), content: item.html });
  return feed;
}

/** `feed` writes no xml:lang; RFC 4287 §2 lets the root carry the language of every text in it. */
export function atomWithLang(feed: Feed, lang: Lang): string {
  return feed.atom1().replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`);
}

/** GET /history.atom[?lang=vi|en]: incidents and maintenance, most recently changed first (Atom 1.0). */
export function feedsAtomRoute(app: App, deps: ServerDeps): void {
  const d = deps.publicRead;
  const cache = createPageCache({ now: deps.now });
  app.get('/history.atom', (c) => {
    const origin = deps.publicUrl();
    const lang = feedLang(c);
    return serveCached(c, cache, feedKey(origin, c, lang), async () => text(atomWithLang(await historyFeed(d, origin, lang), lang), 'application/atom+xml; charset=utf-8'));
  });
}
