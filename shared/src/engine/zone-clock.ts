// A time zone's clock for the maintenance rules (docs/contract.md §3.1, §6):
// local days and wall-clock times ↔ instants. Temporal is the authority; this
// asks it once per stretch of constant UTC offset (a zone has one or two a
// year) and does plain arithmetic inside a stretch, because a year of windows
// judged in several zones would otherwise make tens of thousands of zone
// conversions. Near an offset change it defers to Temporal entirely.

const DAY = 86_400;
/** Arithmetic is trusted only this far from an offset change: well beyond any offset's size. */
const MARGIN = 2 * DAY;

interface Stretch {
  start: number;
  end: number;
  offset: number;
}

export interface ZoneClock {
  /** The local calendar day of an instant, as days since 1970-01-01 on the local clock. */
  localDay(instant: number): number;
  /** The instant the local clock shows `secondOfDay` on local day `day`; in a gap or a fold, as Temporal's 'compatible'. */
  instantAt(day: number, secondOfDay: number): number;
}

export function zoneClock(timeZone: string): ZoneClock {
  const stretches: Stretch[] = []; // sorted, disjoint
  const stretchAt = (instant: number): Stretch => {
    let lo = 0;
    let hi = stretches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (stretches[mid]!.end <= instant) lo = mid + 1;
      else hi = mid;
    }
    const found = stretches[lo];
    if (found !== undefined && found.start <= instant) return found;
    const zoned = Temporal.Instant.fromEpochMilliseconds(instant * 1000).toZonedDateTimeISO(timeZone);
    // 'previous' is strictly before its argument: asked at the instant itself, a
    // transition exactly then would be skipped and the stretch would claim the
    // hours before it with the new offset. Transitions fall on whole seconds.
    const previous = zoned.add({ milliseconds: 1 }).getTimeZoneTransition('previous');
    const next = zoned.getTimeZoneTransition('next');
    const stretch = {
      start: previous === null ? -Infinity : Math.floor(previous.epochMilliseconds / 1000),
      end: next === null ? Infinity : Math.floor(next.epochMilliseconds / 1000),
      offset: Math.round(zoned.offsetNanoseconds / 1e9),
    };
    stretches.splice(lo, 0, stretch);
    return stretch;
  };
  return {
    localDay: (instant) => Math.floor((instant + stretchAt(instant).offset) / DAY),
    instantAt(day, secondOfDay) {
      const wall = day * DAY + secondOfDay;
      const stretch = stretchAt(wall - stretchAt(wall).offset);
      const instant = wall - stretch.offset;
      if (instant - MARGIN >= stretch.start && instant + MARGIN < stretch.end) return instant;
      const date = plainDate(day);
      const time = Temporal.PlainTime.from({ second: secondOfDay % 60, minute: Math.floor(secondOfDay / 60) % 60, hour: Math.floor(secondOfDay / 3600) });
      return Math.floor(date.toZonedDateTime({ timeZone, plainTime: time }).epochMilliseconds / 1000);
    },
  };
}

/** The calendar date of a day number (days since 1970-01-01). */
export function plainDate(day: number): Temporal.PlainDate {
  const date = new Date(day * DAY * 1000);
  return new Temporal.PlainDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The day of the month of a day number, without building a date object. */
export function dayOfMonth(day: number): number {
  return new Date(day * DAY * 1000).getUTCDate();
}
