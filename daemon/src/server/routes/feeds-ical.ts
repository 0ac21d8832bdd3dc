import type { App } from '../app-type.ts';
import { PAGE } from '../../public/read-model.ts';
import { lastChange } from '../../public/history.ts';
import { loadMaintenance } from '../../public/maintenance.ts';
import type { ServerDeps } from '../deps.ts';
import { createPageCache, originPathKey, serveCached, text } from '../page-cache.ts';

const KEEP_MS = 365 * 86_400_000;

/**
 * GET /maintenance.ics: one event per maintenance window of the last year and
 * to come. Times are UTC (no calendar time zone: ical-generator shifts plain
 * Dates when given one, docs/conventions.md §9.5). A change of the event raises
 * SEQUENCE, any change LAST-MODIFIED; a cancelled window stays as STATUS:CANCELLED so calendars
 * that subscribed drop it.
 */
export function feedsIcalRoute(app: App, deps: ServerDeps): void {
  const d = deps.publicRead;
  const cache = createPageCache({ now: deps.now });
  app.get('/maintenance.ics', (c) => {
    const origin = deps.publicUrl();
    const host = new URL(origin).host;
    return serveCached(c, cache, originPathKey(origin, c), async () => {
      const now = d.now();
      const windows = await loadMaintenance(d.db, (q) => q.where('ends_at', '>', new Date(now - KEEP_MS)).orderBy('starts_at').orderBy('id').limit(1000));
      // Loaded with the first calendar asked for, not at every start (issue #13).
      const { default: ical, ICalEventStatus } = await import('ical-generator');
      const calendar = ical({ name: `${PAGE.name}: maintenance`, prodId: { company: 'SLA Ledger', product: 'status page', language: 'EN' }, url: `${origin}/maintenance` });
      for (const w of windows) {
        const changed = Math.max(w.updated_at.getTime(), w.cancelled_at?.getTime() ?? 0);
        calendar.createEvent({
          id: `mnt-${w.id}@${host}`,
          start: w.starts_at,
          end: w.ends_at,
          summary: w.title,
          description: [w.description, w.components.length > 0 ? `Affected: ${w.components.map((x) => x.name).join(', ')}` : ''].filter(Boolean).join('\n\n'),
          url: `${origin}/maintenance#maintenance-${w.id}`,
          status: w.cancelled_at === null ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
          created: w.created_at,
          lastModified: new Date(changed),
          stamp: lastChange(w, Math.max(now, changed)),
          // RFC 5545 §3.8.7.4: the count of real changes of the event; a notice recorded is not one (issue #19).
          sequence: w.revision,
        });
      }
      return text(calendar.toString(), 'text/calendar; charset=utf-8');
    });
  });
}
