import type { App } from '../app-type.ts';
import { PAGE } from '../../public/read-model.ts';
import { lastChange } from '../../public/history.ts';
import { loadMaintenance, type MaintenanceRow } from '../../public/maintenance.ts';
import { vtimezone } from '../../public/vtimezone.ts';
import type { ServerDeps } from '../deps.ts';
import { createPageCache, originPathKey, serveCached, text } from '../page-cache.ts';

const KEEP_MS = 365 * 86_400_000;

/**
 * GET /maintenance.ics: one event per maintenance window of the last year and
 * to come; a recurring window is one event with its rule. Times are UTC (no calendar time zone: ical-generator shifts plain
 * Dates when given one, docs/conventions.md §9.5). A change of the event raises
 * SEQUENCE, any change LAST-MODIFIED; a cancelled window stays as STATUS:CANCELLED so calendars
 * that subscribed drop it.
 */
/**
 * A one-off window's times in UTC; a recurring one's (issue #16, docs/contract.md
 * §3.1) as one event: its first occurrence on its zone's clock (TZID), its RRULE,
 * and an EXDATE per skipped date at the local start, so calendars show every night.
 */
function times(w: MaintenanceRow) {
  if (w.recurrence === null) return { start: w.starts_at, end: w.ends_at };
  const { rrule, timeZone, duration, exdates } = w.recurrence;
  const start = Temporal.Instant.fromEpochMilliseconds(w.starts_at.getTime()).toZonedDateTimeISO(timeZone);
  const local = (date: string) => Temporal.PlainDate.from(date).toPlainDateTime(start.toPlainTime()).toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
  const skipped = exdates.length === 0 ? '' : `\nEXDATE;TZID=${timeZone}:${exdates.map(local).join(',')}`;
  return { timezone: timeZone, start, end: start.add(Temporal.Duration.from(duration)), repeating: `RRULE:${rrule}${skipped}` };
}

export function feedsIcalRoute(app: App, deps: ServerDeps): void {
  const d = deps.publicRead;
  const cache = createPageCache({ now: deps.now });
  app.get('/maintenance.ics', (c) => {
    const origin = deps.publicUrl();
    const host = new URL(origin).host;
    return serveCached(c, cache, originPathKey(origin, c), async () => {
      const now = d.now();
      // A recurring window's first occurrence may be long past; its rule is not (issue #16).
      const windows = await loadMaintenance(d.db, (q) => q.where((eb) => eb.or([eb('ends_at', '>', new Date(now - KEEP_MS)), eb('rrule', 'is not', null)])).orderBy('starts_at').orderBy('id').limit(1000));
      const year = new Date(now).getUTCFullYear();
      // Loaded with the first calendar asked for, not at every start (issue #13).
      const { default: ical, ICalEventStatus } = await import('ical-generator');
      const calendar = ical({
        name: `${PAGE.name}: maintenance`,
        prodId: { company: 'SLA Ledger', product: 'status page', language: 'EN' },
        url: `${origin}/maintenance`,
        // No calendar zone (events stay UTC); a recurring event's own zone gets its VTIMEZONE.
        timezone: { name: null, generator: (zone) => vtimezone(zone, Math.min(year - 1, ...windows.map((w) => w.starts_at.getUTCFullYear())), year + 2) },
      });
      for (const w of windows) {
        const changed = Math.max(w.updated_at.getTime(), w.cancelled_at?.getTime() ?? 0);
        calendar.createEvent({
          id: `mnt-${w.id}@${host}`,
          ...times(w),
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
