// Issue #19: a component watched for 86 minutes is not "90 days 100%". From
// the days its bar has (oldest first), how long it has been observed, which
// uptime windows that fills, and the runs of unwatched days a table can fold.
import { UPTIME_WINDOWS, type DayState, type UptimeWindow } from '@sla/shared/uptime/index.ts';

const WINDOW_DAYS: Record<UptimeWindow, number> = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 };

export interface ObservedWindows {
  /** Windows the component was watched for in full (24 h always: it is today's). */
  full: UptimeWindow[];
  /** When it was watched for less than the longer windows: its first observed day, and the window whose uptime is the one since then. */
  since?: { date: string; window: UptimeWindow };
}

export function observedWindows(days: readonly { date: string; state: DayState }[]): ObservedWindows {
  const first = days.findIndex((d) => d.state !== 'no_data');
  // Nothing observed at all: the windows say "no data" themselves.
  if (first <= 0) return { full: [...UPTIME_WINDOWS] };
  const observedDays = days.length - first;
  const full = UPTIME_WINDOWS.filter((w) => w === '24h' || WINDOW_DAYS[w] <= observedDays);
  const rest = UPTIME_WINDOWS.filter((w) => !full.includes(w));
  // Every longer window holds the same observed time, so the shortest of them gives the uptime since the first day.
  return rest.length === 0 ? { full } : { full, since: { date: days[first]!.date, window: rest[0]! } };
}

/** Consecutive days folded into one entry when two or more in a row have no data. */
export type DayRun<D> = { kind: 'day'; day: D } | { kind: 'unwatched'; days: D[] };

export function foldUnwatched<D extends { state: DayState }>(days: readonly D[]): DayRun<D>[] {
  const out: DayRun<D>[] = [];
  for (const day of days) {
    const last = out.at(-1);
    if (day.state !== 'no_data') out.push({ kind: 'day', day });
    else if (last?.kind === 'unwatched') last.days.push(day);
    else if (last?.kind === 'day' && last.day.state === 'no_data') out[out.length - 1] = { kind: 'unwatched', days: [last.day, day] };
    else out.push({ kind: 'day', day });
  }
  return out;
}
