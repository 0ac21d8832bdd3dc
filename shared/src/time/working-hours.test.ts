import { describe, expect, it } from 'vitest';
import { epochSeconds } from '../case-file/fields.ts';
import { workingCalendar, WORKDAY_MINUTES } from './working-hours.ts';

// docs/contract.md §2: working time runs 08:00–17:45 Monday–Friday in the
// contract's zone, skipping holidays and configured days off, and including
// configured working days (a compensating Saturday).

const s = epochSeconds;
const iso = (seconds: number, zone = 'Asia/Ho_Chi_Minh') =>
  Temporal.Instant.fromEpochMilliseconds(seconds * 1000).toZonedDateTimeISO(zone).toPlainDateTime().toString({ smallestUnit: 'minute' });
const vn = workingCalendar('Asia/Ho_Chi_Minh', { extraDaysOff: ['2025-05-02'], extraWorkingDays: ['2025-04-26'] });

describe('addWorkingMinutes', () => {
  it.each([
    { name: 'inside one day', from: '2025-03-04T09:00:00+07:00', minutes: 60, due: '2025-03-04T10:00' },
    { name: 'before opening starts at 08:00', from: '2025-03-04T06:30:00+07:00', minutes: 60, due: '2025-03-04T09:00' },
    { name: 'after closing starts next morning', from: '2025-03-04T19:00:00+07:00', minutes: 15, due: '2025-03-05T08:15' },
    { name: 'landing exactly at 17:45 stays that day', from: '2025-03-04T16:45:00+07:00', minutes: 60, due: '2025-03-04T17:45' },
    { name: 'Friday 17:40 + 1 working hour → Monday 08:55', from: '2025-03-07T17:40:00+07:00', minutes: 60, due: '2025-03-10T08:55' },
    { name: 'a weekend start waits for Monday', from: '2025-03-08T10:00:00+07:00', minutes: 30, due: '2025-03-10T08:30' },
    { name: 'one working day from 10:00 is 10:00 the next working day', from: '2025-03-04T10:00:00+07:00', minutes: WORKDAY_MINUTES, due: '2025-03-05T10:00' },
    { name: 'Tet 2026 is skipped: Friday 13/2 17:30 + 30 min → Monday 23/2', from: '2026-02-13T17:30:00+07:00', minutes: 30, due: '2026-02-23T08:15' },
    { name: 'a compensating Saturday is worked (26/4/2025)', from: '2025-04-25T17:30:00+07:00', minutes: 30, due: '2025-04-26T08:15' },
    { name: 'a configured day off is skipped (2/5/2025, after 30/4 and 1/5)', from: '2025-04-29T17:30:00+07:00', minutes: 30, due: '2025-05-05T08:15' },
    { name: 'zero minutes is the instant itself', from: '2025-03-08T10:00:00+07:00', minutes: 0, due: '2025-03-08T10:00' },
  ])('$name', ({ from, minutes, due }) => {
    expect(iso(vn.addWorkingMinutes(s(from), minutes))).toBe(due);
  });

  it('counts working hours on the contract’s own clock', () => {
    const tokyo = workingCalendar('Asia/Tokyo');
    // 17:40 in Hà Nội is 19:40 in Tokyo: already closed there.
    expect(iso(tokyo.addWorkingMinutes(s('2025-03-04T17:40:00+07:00'), 10), 'Asia/Tokyo')).toBe('2025-03-05T08:10');
  });

  it('refuses a calendar with no working day rather than looping', () => {
    const everyDayOff = Array.from({ length: 3_700 }, (_, i) => Temporal.PlainDate.from('2025-01-01').add({ days: i }).toString());
    const closed = workingCalendar('Asia/Ho_Chi_Minh', { extraDaysOff: everyDayOff, extraWorkingDays: [] });
    expect(() => closed.addWorkingMinutes(s('2025-01-02T09:00:00+07:00'), 1)).toThrow(RangeError);
  });
});

describe('endOfWorkday', () => {
  it('is 17:45 local', () => {
    expect(iso(vn.endOfWorkday(Temporal.PlainDate.from('2025-03-07')))).toBe('2025-03-07T17:45');
  });
});
