import { dictionary } from '@sla/shared/status/i18n/index.ts';
import { measureSpan, prepareFacts, UPTIME_WINDOW_MS } from '@sla/shared/uptime/index.ts';
import type { App } from '../app-type.ts';
import { listComponents } from '../../catalog/catalog.repository.ts';
import { statusBadge, uptimeBadge } from '../../public/badge.ts';
import { currentStatus } from '../../public/current-status.ts';
import { activeMaintenance } from '../../public/occurrences.ts';
import { loadUptimeFacts } from '../../public/uptime-facts.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { langQuery } from '../lang-query.ts';
import { createPageCache, serveCached, text } from '../page-cache.ts';

const SVG = 'image/svg+xml; charset=utf-8';

/**
 * GET /badge/:component/status.svg and /badge/:component/uptime-30d.svg[?lang=en|vi]:
 * SVG badges for READMEs and intranets. English unless asked: badges already
 * embedded keep their words (issue #19 added ?lang=vi).
 */
export function badgesRoute(app: App, deps: ServerDeps): void {
  const d = deps.publicRead;
  const cache = createPageCache({ now: deps.now });
  const component = async (id: string) => {
    const found = (await listComponents(d.db)).find((c) => c.id === id);
    if (found === undefined) throw new ApiError('not_found', 'no such component');
    return found;
  };
  app.get('/badge/:component/status.svg', (c) => {
    const id = c.req.param('component');
    const words = dictionary(langQuery(c, 'en'));
    return serveCached(c, cache, `${c.req.path}?lang=${words.htmlLang}`, async () => {
      const found = await component(id);
      const active = await activeMaintenance(d.db, d.now());
      return text(statusBadge(found.name, currentStatus(d.liveStatus(id), id, active), words), SVG);
    });
  });
  app.get('/badge/:component/uptime-30d.svg', (c) => {
    const id = c.req.param('component');
    const words = dictionary(langQuery(c, 'en'));
    return serveCached(c, cache, `${c.req.path}?lang=${words.htmlLang}`, async () => {
      const found = await component(id);
      const now = d.now();
      const range = { from: now - UPTIME_WINDOW_MS['30d'], to: now };
      const facts = (await loadUptimeFacts(d, [found], range)).get(id)!;
      return text(uptimeBadge(`${found.name} ${words.badgeWindow}`, measureSpan(prepareFacts(facts), { start: range.from, end: range.to }).uptime, words), SVG);
    });
  });
}
