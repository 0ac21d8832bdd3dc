import { describe, expect, it } from 'vitest';
import { isTimeZone, localDays } from './local-days.ts';

describe('localDays', () => {
  it('cuts days at local midnight in Ho Chi Minh City (UTC+7), today ending now', () => {
    const now = Date.parse('2026-11-25T03:30:00Z'); // 10:30 local
    expect(localDays(now, 'Asia/Ho_Chi_Minh', 3)).toEqual([
      { date: '2026-11-23', start: Date.parse('2026-11-22T17:00:00Z'), end: Date.parse('2026-11-23T17:00:00Z') },
      { date: '2026-11-24', start: Date.parse('2026-11-23T17:00:00Z'), end: Date.parse('2026-11-24T17:00:00Z') },
      { date: '2026-11-25', start: Date.parse('2026-11-24T17:00:00Z'), end: now },
    ]);
  });

  it('the same instant is another local date in UTC', () => {
    const now = Date.parse('2026-11-24T20:00:00Z'); // 03:00 on the 25th in Ho Chi Minh City
    expect(localDays(now, 'UTC', 1)[0]?.date).toBe('2026-11-24');
    expect(localDays(now, 'Asia/Ho_Chi_Minh', 1)[0]?.date).toBe('2026-11-25');
  });

  it('has a 23-hour day when the clocks go forward (Berlin, 2026-03-29)', () => {
    const days = localDays(Date.parse('2026-03-30T12:00:00Z'), 'Europe/Berlin', 3);
    expect(days.map((d) => d.date)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(days[1]!.end - days[1]!.start).toBe(23 * 3_600_000);
  });

  it('returns 90 contiguous days', () => {
    const days = localDays(Date.parse('2026-11-25T03:30:00Z'), 'Asia/Ho_Chi_Minh', 90);
    expect(days).toHaveLength(90);
    for (let i = 1; i < days.length; i++) expect(days[i]!.start).toBe(days[i - 1]!.end);
  });
});

describe('isTimeZone', () => {
  it.each([
    ['Asia/Ho_Chi_Minh', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('%s → %s', (zone, want) => expect(isTimeZone(zone)).toBe(want));
});
