// How the page writes instants, days, durations and uptime: Intl in the
// reader's language and time zone. Formatters are built once per render.
import type { Dictionary } from '@sla/shared/status/i18n/index.ts';
import { uptimeFormatter } from '@sla/shared/text/percent.ts';

export interface Formatters {
  /** An instant with date, time and the zone's short name: "25 Nov 2026, 10:30 GMT+7", "10:30 ngày 25/11/2026 (GMT+7)". */
  instant: (iso: string) => string;
  /** From–to, the date written once when both ends fall on one local day: "22:00–00:00 ngày 12/12/2026 (GMT+7)". */
  range: (fromIso: string, toIso: string) => string;
  /** A local date (YYYY-MM-DD, already in the reader's zone) in full, e.g. "25 Nov 2026". */
  date: (isoDate: string) => string;
  /** A local date, short, e.g. "25 Nov" or "25/11". */
  day: (isoDate: string) => string;
  /** Uptime rounded down to 2 decimals, so 100% only when nothing was down (then without decimals); "no data" for null. */
  uptime: (ratio: number | null) => string;
  /** A length of time in hours and minutes (seconds when under a minute). */
  duration: (ms: number) => string;
}

export function formatters(t: Dictionary, timeZone: string): Formatters {
  // Issue #19: the parts come from Intl, the order from the dictionary, so
  // Vietnamese no longer reads "10:39 GMT+7 7 thg 12, 2026".
  const localDate = new Intl.DateTimeFormat(t.locale, { timeZone, ...t.dateFormat });
  const time = new Intl.DateTimeFormat(t.locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const zoneName = new Intl.DateTimeFormat(t.locale, { timeZone, timeZoneName: 'short' });
  const zone = (d: Date) => zoneName.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  const instant = (iso: string) => {
    const d = new Date(iso);
    return t.instant(time.format(d), localDate.format(d), zone(d));
  };
  const date = new Intl.DateTimeFormat(t.locale, { timeZone: 'UTC', ...t.dateFormat });
  const day = new Intl.DateTimeFormat(t.locale, { timeZone: 'UTC', ...t.dayFormat });
  const duration = new Intl.DurationFormat(t.locale, { style: 'short' });
  const plainDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
  return {
    instant,
    range: (fromIso, toIso) => {
      const from = new Date(fromIso);
      const to = new Date(toIso);
      // An end at the next local midnight still belongs to the start's day ("22:00–00:00 ngày 12/12").
      const endDay = localDate.format(new Date(to.getTime() - 1));
      const sameDay = to > from && localDate.format(from) === endDay && to.getTime() - from.getTime() < 86_400_000;
      if (sameDay && zone(from) === zone(to)) return t.sameDayRange(time.format(from), time.format(to), endDay, zone(from));
      return t.range(instant(fromIso), instant(toIso));
    },
    date: (iso) => date.format(plainDate(iso)),
    day: (iso) => day.format(plainDate(iso)),
    // The badges' formatter too (issue #19).
    uptime: uptimeFormatter(t.locale, t.uptime.noData),
    duration: (ms) => {
      const seconds = Math.round(ms / 1000);
      if (seconds < 60) return duration.format({ seconds });
      const minutes = Math.floor(seconds / 60);
      const days = Math.floor(minutes / 1440);
      return duration.format({ days: days || undefined, hours: Math.floor((minutes % 1440) / 60) || undefined, minutes: minutes % 60 || (days || minutes >= 60 ? undefined : 0) });
    },
  };
}
