import { zoneClock } from './zone-clock.ts';

// The nights of docs/contract.md §3.1, in a contract's own time zone (§6): local
// day D's night runs from D at the kind's earliest start to the next
// `latestEnd` after it.

export interface Night {
  /** The local day D the night belongs to, as days since 1970-01-01 (its day of month judges version upgrades). */
  day: number;
  start: number;
  end: number;
}

export interface NightFinder {
  /** D's night for a kind starting at `earliest`. */
  nightOf(day: number, earliest: Temporal.PlainTime): Night;
  /** The night whose [start, end) holds `instant`, if any. */
  containing(instant: number, earliest: Temporal.PlainTime): Night | undefined;
  localDay(instant: number): number;
}

/** Nights in one zone, each worked out once: a year's windows fall on far fewer nights than there are windows. */
export function nightFinder(timeZone: string, latestEnd: Temporal.PlainTime): NightFinder {
  const clock = zoneClock(timeZone);
  const endSecond = secondOfDay(latestEnd);
  const nights = new Map<number, Night>();
  const nightOf = (day: number, earliest: Temporal.PlainTime): Night => {
    const startSecond = secondOfDay(earliest);
    const key = day * 86_400 + startSecond;
    let night = nights.get(key);
    if (night === undefined) {
      const start = clock.instantAt(day, startSecond);
      let end = clock.instantAt(day, endSecond);
      if (end <= start) end = clock.instantAt(day + 1, endSecond);
      night = { day, start, end };
      nights.set(key, night);
    }
    return night;
  };
  return {
    nightOf,
    // Nights start on distinct local days and never overlap, so it is the
    // latest night that starts at or before the instant: today's, or else yesterday's.
    containing(instant, earliest) {
      const today = clock.localDay(instant);
      let night = nightOf(today, earliest);
      if (night.start > instant) night = nightOf(today - 1, earliest);
      return night.start <= instant && instant < night.end ? night : undefined;
    },
    localDay: clock.localDay,
  };
}

function secondOfDay(time: Temporal.PlainTime): number {
  return time.hour * 3600 + time.minute * 60 + time.second;
}
