// How the page writes instants, days, durations and uptime: Intl in the
// reader's language and time zone. Formatters are built once per render.
import type { Dictionary } from '@sla/shared/status/i18n/index.ts';
import { uptimeFormatter } from '@sla/shared/text/percent.ts';

export interface Formatters {
  /** An instant with date, time and the zone's short name, e.g. "25 Nov 2026, 10:30 GMT+7". */
  instant: (iso: string) => string;
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
  const instant = new Intl.DateTimeFormat(t.locale, { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  const date = new Intl.DateTimeFormat(t.locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
  const day = new Intl.DateTimeFormat(t.locale, { timeZone: 'UTC', ...t.dayFormat });
  const duration = new Intl.DurationFormat(t.locale, { style: 'short' });
  const plainDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
  return {
    instant: (iso) => instant.format(new Date(iso)),
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
