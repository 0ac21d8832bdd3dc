import { vietnamHolidayDates } from './vietnam-holidays.ts';

// Working hours (docs/contract.md §2, SLA §C.2): 08:00–17:45, Monday to Friday,
// in the contract's zone, without Vietnam's public holidays and Tet. The days the
// government adds each year (bridge days off, compensating Saturdays worked) are
// configuration: `extraDaysOff` and `extraWorkingDays`, `YYYY-MM-DD` dates.

export const WORKDAY_START = Temporal.PlainTime.from('08:00');
export const WORKDAY_END = Temporal.PlainTime.from('17:45');
/** One working day, 08:00–17:45: what "1 day" of a working-time deadline is (docs/contract.md §2). */
export const WORKDAY_MINUTES = 9 * 60 + 45;
/** No deadline is further than this: a calendar configured with no working day at all must not loop forever. */
const MAX_DAYS_SCANNED = 3_660;

export interface WorkingDaysConfig {
  extraDaysOff: readonly string[];
  extraWorkingDays: readonly string[];
}

export interface WorkingCalendar {
  isWorkingDay(date: Temporal.PlainDate): boolean;
  /** The instant `minutes` of working time after `instant` (epoch seconds both). */
  addWorkingMinutes(instant: number, minutes: number): number;
  /** The end of working hours (17:45) on `date`, as epoch seconds. */
  endOfWorkday(date: Temporal.PlainDate): number;
  /** The local calendar date of an instant. */
  localDate(instant: number): Temporal.PlainDate;
}

export function workingCalendar(timeZone: string, config: WorkingDaysConfig = { extraDaysOff: [], extraWorkingDays: [] }): WorkingCalendar {
  const daysOff = new Set(config.extraDaysOff);
  const workingDays = new Set(config.extraWorkingDays);
  const holidaysByYear = new Map<number, Set<string>>();
  const isHoliday = (date: Temporal.PlainDate) => {
    let holidays = holidaysByYear.get(date.year);
    if (holidays === undefined) {
      holidays = new Set(vietnamHolidayDates(date.year));
      holidaysByYear.set(date.year, holidays);
    }
    return holidays.has(date.toString());
  };
  const isWorkingDay = (date: Temporal.PlainDate) => {
    const key = date.toString();
    if (daysOff.has(key)) return false;
    if (workingDays.has(key)) return true;
    return date.dayOfWeek <= 5 && !isHoliday(date);
  };
  const at = (date: Temporal.PlainDate, time: Temporal.PlainTime) =>
    Math.floor(date.toZonedDateTime({ timeZone, plainTime: time }).epochMilliseconds / 1000);
  // A day's 08:00 and 17:45 as instants, asked of Temporal once per date: a deadline scans the same days again and again.
  const bounds = new Map<string, readonly [number, number]>();
  const dayBounds = (date: Temporal.PlainDate) => {
    const key = date.toString();
    let day = bounds.get(key);
    if (day === undefined) {
      day = [at(date, WORKDAY_START), at(date, WORKDAY_END)];
      bounds.set(key, day);
    }
    return day;
  };
  const localDate = (instant: number) => Temporal.Instant.fromEpochMilliseconds(instant * 1000).toZonedDateTimeISO(timeZone).toPlainDate();

  return {
    isWorkingDay,
    localDate,
    endOfWorkday: (date) => dayBounds(date)[1],
    addWorkingMinutes(instant, minutes) {
      if (minutes <= 0) return instant;
      let left = minutes * 60;
      let cursor = instant;
      let date = localDate(instant);
      for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, date = date.add({ days: 1 })) {
        if (!isWorkingDay(date)) continue;
        const [opens, closes] = dayBounds(date);
        const start = Math.max(cursor, opens);
        const available = closes - start;
        if (available < 0) continue;
        // A deadline that falls exactly at 17:45 stays on that day.
        if (left <= available) return start + left;
        left -= available;
        cursor = start;
      }
      throw new RangeError(`no ${minutes} working minutes within ${MAX_DAYS_SCANNED} days of ${instant}: check extraDaysOff`);
    },
  };
}
