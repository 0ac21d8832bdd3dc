import type Holidays from 'date-holidays';
import { lazyModule } from '../modules/lazy.ts';

// Vietnam's public holidays and Tet days as calendar dates (docs/contract.md §2:
// working hours exclude them). From `date-holidays` (country VN), which gets Tet
// and Hùng Kings right from the lunar calendar; the days the government adds or
// swaps each year are configuration (working-hours.ts), never derived here
// (docs/conventions.md §9.5).

// ~2.3 MB of modules (every country's data, the lunar calendar): only ticket clocks need them.
const holidaysModule = lazyModule<typeof Holidays>('date-holidays', import.meta.url);

/** Computed once a year per process: date-holidays takes milliseconds a year, and every contract's calendar asks. */
const byYear = new Map<number, readonly string[]>();

/** The public-holiday dates of one year, `YYYY-MM-DD`, each day of a multi-day holiday listed. */
export function vietnamHolidayDates(year: number): readonly string[] {
  let dates = byYear.get(year);
  if (dates === undefined) {
    dates = Object.freeze(holidayDates(year));
    byYear.set(year, dates);
  }
  return dates;
}

function holidayDates(year: number): string[] {
  const dates = new Set<string>();
  for (const holiday of new (holidaysModule())('VN').getHolidays(year)) {
    // Observances (Teachers' Day, Women's Day …) are workdays.
    if (holiday.type !== 'public') continue;
    const first = Temporal.PlainDate.from(holiday.date.slice(0, 10));
    const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
    for (let i = 0; i < days; i++) dates.add(first.add({ days: i }).toString());
  }
  return [...dates].sort();
}
