import { describe, expect, it } from 'vitest';
import { epochSeconds } from '../case-file/fields.ts';
import { localDate, nightContaining, nightOf } from './local-night.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const at = (t: string) => Temporal.PlainTime.from(t);
const vn = (local: string) => epochSeconds(`${local}+07:00`);

// sla-policy.md §3.1: D's night runs from D + earliest to the next latestEnd after it.
describe('nightOf', () => {
  it.each([
    { earliest: '22:00', latestEnd: '06:00', start: '2025-03-10T22:00', end: '2025-03-11T06:00' },
    { earliest: '19:00', latestEnd: '06:00', start: '2025-03-10T19:00', end: '2025-03-11T06:00' },
    { earliest: '00:00', latestEnd: '06:00', start: '2025-03-10T00:00', end: '2025-03-10T06:00' }, // backup: same morning
    { earliest: '19:00', latestEnd: '23:00', start: '2025-03-10T19:00', end: '2025-03-10T23:00' },
    { earliest: '22:00', latestEnd: '22:00', start: '2025-03-10T22:00', end: '2025-03-11T22:00' },
  ])('$earliest → next $latestEnd', ({ earliest, latestEnd, start, end }) => {
    const night = nightOf(Temporal.PlainDate.from('2025-03-10'), HCM, at(earliest), at(latestEnd));
    expect(night).toEqual({ date: Temporal.PlainDate.from('2025-03-10'), start: vn(start), end: vn(end) });
  });
});

describe('nightContaining', () => {
  it.each([
    { instant: '2025-03-10T21:59', date: undefined },
    { instant: '2025-03-10T22:00', date: '2025-03-10' },
    { instant: '2025-03-11T05:59', date: '2025-03-10' },
    { instant: '2025-03-11T06:00', date: undefined },
  ])('$instant is in the night of $date', ({ instant, date }) => {
    const night = nightContaining(vn(instant), HCM, at('22:00'), at('06:00'));
    expect(night?.date.toString()).toBe(date);
  });
});

describe('localDate', () => {
  it('is the date on the contract\'s clock, not UTC\'s', () => {
    const instant = epochSeconds('2025-03-10T20:00:00Z');
    expect(localDate(instant, HCM).toString()).toBe('2025-03-11');
    expect(localDate(instant, 'Europe/Berlin').toString()).toBe('2025-03-10');
  });
});
