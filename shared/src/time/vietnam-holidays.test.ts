import { describe, expect, it } from 'vitest';
import { vietnamHolidayDates } from './vietnam-holidays.ts';
import { workingCalendar } from './working-hours.ts';

// date-holidays' VN dates against the days the government announced (docs/contract.md §2,
// issue #16). The library holds the Labour Code's fixed days, Tet and Hùng Kings;
// what it lacks — bridge days, swapped days, the second National Day, substitutes
// for a holiday on a weekend — must come from the config's extraDaysOff /
// extraWorkingDays, and each such day is named below.

const day = (text: string) => Temporal.PlainDate.from(text);

describe('vietnamHolidayDates', () => {
  it.each([
    {
      year: 2025,
      // Tet Ất Tỵ: mùng 1 = 29 January.
      dates: ['2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-04-07', '2025-04-30', '2025-05-01', '2025-09-02'],
    },
    {
      year: 2026,
      // Tet Bính Ngọ: mùng 1 = 17 February; the government's five days are 16–20 February, as here.
      dates: ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-02'],
    },
    {
      year: 2027,
      // Tet Đinh Mùi: mùng 1 = 6 February (a Saturday).
      dates: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-04-16', '2027-04-30', '2027-05-01', '2027-09-02'],
    },
  ])('$year: New Year, Tet, Hùng Kings, 30/4, 1/5 and 2/9', ({ year, dates }) => {
    expect(vietnamHolidayDates(year)).toEqual(dates);
  });

  it('leaves observances (Teachers’ Day, Women’s Day) as working days', () => {
    const dates = vietnamHolidayDates(2025);
    expect(dates).not.toContain('2025-11-20');
    expect(dates).not.toContain('2025-03-08');
  });
});

describe('the government’s announced days, with the config the library cannot know', () => {
  // 2025, as announced: Tet off Mon 27/1–Fri 31/1 (the library starts Tet on 28/1);
  // 30/4–1/5 bridged to Sunday 4/5 by working Saturday 26/4 instead of Friday 2/5;
  // National Day on Mon 1/9 and Tue 2/9 (Labour Code 2019 art. 112: two days).
  const config2025 = { extraDaysOff: ['2025-01-27', '2025-05-02', '2025-09-01'], extraWorkingDays: ['2025-04-26'] };
  const announcedOff2025 = ['2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02'];
  // 2026: Hùng Kings falls on Sunday 26/4, made up on Monday 27/4; National Day's
  // second day is the government's choice (announced yearly) — 1/9 assumed here.
  const config2026 = { extraDaysOff: ['2026-04-27', '2026-09-01'], extraWorkingDays: [] };
  const announcedOff2026 = ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02'];

  it.each([
    { year: 2025, config: config2025, off: announcedOff2025 },
    { year: 2026, config: config2026, off: announcedOff2026 },
  ])('$year: exactly the announced weekdays are off', ({ year, config, off }) => {
    const calendar = workingCalendar('Asia/Ho_Chi_Minh', config);
    const weekdaysOff: string[] = [];
    for (let date = day(`${year}-01-01`); date.year === year; date = date.add({ days: 1 }))
      if (date.dayOfWeek <= 5 && !calendar.isWorkingDay(date)) weekdaysOff.push(date.toString());
    expect(weekdaysOff).toEqual(off);
  });

  it('without the config, the 2025 bridge days would be counted as working days', () => {
    const bare = workingCalendar('Asia/Ho_Chi_Minh');
    expect(['2025-01-27', '2025-05-02', '2025-09-01'].map((d) => bare.isWorkingDay(day(d)))).toEqual([true, true, true]);
    expect(bare.isWorkingDay(day('2025-04-26'))).toBe(false);
    expect(workingCalendar('Asia/Ho_Chi_Minh', config2025).isWorkingDay(day('2025-04-26'))).toBe(true);
  });

  // 2027 is not announced yet (issue #16): Tet's Saturday 6/2 and Sunday 7/2 and
  // Labour Day on Saturday 1/5 will have substitute days, and National Day a second
  // day; all of them go in the config when the government names them.
  it('2027: the library puts Tet on Fri 5/2–Tue 9/2, weekend days included, with no substitutes', () => {
    const bare = workingCalendar('Asia/Ho_Chi_Minh');
    expect(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-05-03'].map((d) => bare.isWorkingDay(day(d)))).toEqual([false, false, false, true, true]);
  });
});
