import { describe, expect, it } from 'vitest';
import { epochSeconds } from '../case-file/fields.ts';
import { nightFinder } from './local-night.ts';
import { plainDate } from './zone-clock.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const at = (t: string) => Temporal.PlainTime.from(t);
const vn = (local: string) => epochSeconds(`${local}+07:00`);
const dayOf = (date: string) => Temporal.PlainDate.from(date).since('1970-01-01').days;

// docs/contract.md §3.1: D's night runs from D + earliest to the next latestEnd after it.
describe('nightOf', () => {
  it.each([
    { earliest: '22:00', latestEnd: '06:00', start: '2025-03-10T22:00', end: '2025-03-11T06:00' },
    { earliest: '19:00', latestEnd: '06:00', start: '2025-03-10T19:00', end: '2025-03-11T06:00' },
    { earliest: '00:00', latestEnd: '06:00', start: '2025-03-10T00:00', end: '2025-03-10T06:00' }, // backup: same morning
    { earliest: '19:00', latestEnd: '23:00', start: '2025-03-10T19:00', end: '2025-03-10T23:00' },
    { earliest: '22:00', latestEnd: '22:00', start: '2025-03-10T22:00', end: '2025-03-11T22:00' },
  ])('$earliest → next $latestEnd', ({ earliest, latestEnd, start, end }) => {
    const night = nightFinder(HCM, at(latestEnd)).nightOf(dayOf('2025-03-10'), at(earliest));
    expect(night).toEqual({ day: dayOf('2025-03-10'), start: vn(start), end: vn(end) });
  });

  it('a night across the spring change is 7 h long in Berlin', () => {
    const night = nightFinder('Europe/Berlin', at('06:00')).nightOf(dayOf('2025-03-29'), at('22:00'));
    expect(night.end - night.start).toBe(7 * 3600);
  });
});

describe('containing', () => {
  it.each([
    { instant: '2025-03-10T21:59', date: undefined },
    { instant: '2025-03-10T22:00', date: '2025-03-10' },
    { instant: '2025-03-11T05:59', date: '2025-03-10' },
    { instant: '2025-03-11T06:00', date: undefined },
  ])('$instant is in the night of $date', ({ instant, date }) => {
    const night = nightFinder(HCM, at('06:00')).containing(vn(instant), at('22:00'));
    expect(night === undefined ? undefined : plainDate(night.day).toString()).toBe(date);
  });
});

describe('localDay', () => {
  it('is the day on the contract\'s clock, not UTC\'s', () => {
    const instant = epochSeconds('2025-03-10T20:00:00Z');
    expect(plainDate(nightFinder(HCM, at('06:00')).localDay(instant)).toString()).toBe('2025-03-11');
    expect(plainDate(nightFinder('Europe/Berlin', at('06:00')).localDay(instant)).toString()).toBe('2025-03-10');
  });
});
