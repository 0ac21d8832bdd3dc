import { describe, expect, it } from 'vitest';
import { dictionary } from '@sla/shared/status/i18n/index.ts';
import { formatters } from './format.ts';

describe('formatters', () => {
  const en = formatters(dictionary('en'), 'Asia/Ho_Chi_Minh');
  const vi = formatters(dictionary('vi'), 'Asia/Ho_Chi_Minh');

  it('writes instants in the chosen zone with its name', () => {
    expect(en.instant('2026-11-24T20:30:00Z')).toBe('25 Nov 2026, 03:30 GMT+7');
    expect(formatters(dictionary('en'), 'UTC').instant('2026-11-24T20:30:00Z')).toBe('24 Nov 2026, 20:30 UTC');
    expect(formatters(dictionary('en'), 'Asia/Tokyo').instant('2026-11-24T20:30:00Z')).toBe('25 Nov 2026, 05:30 GMT+9');
  });

  it('writes Vietnamese instants naturally: time, then "ngày" d/m/yyyy, the zone in brackets (issue #19)', () => {
    expect(vi.instant('2026-12-07T03:39:00Z')).toBe('10:39 ngày 7/12/2026 (GMT+7)');
    expect(vi.instant('2026-12-31T17:05:00Z')).toBe('00:05 ngày 1/1/2027 (GMT+7)');
  });

  it.each([
    ['one local day', '2026-12-12T08:00:00Z', '2026-12-12T10:00:00Z', '15:00–17:00 ngày 12/12/2026 (GMT+7)', '12 Dec 2026, 15:00–17:00 GMT+7'],
    ['ending at the next midnight', '2026-12-12T15:00:00Z', '2026-12-12T17:00:00Z', '22:00–00:00 ngày 12/12/2026 (GMT+7)', '12 Dec 2026, 22:00–00:00 GMT+7'],
    ['over midnight', '2026-12-12T15:00:00Z', '2026-12-12T19:00:00Z', '22:00 ngày 12/12/2026 (GMT+7) – 02:00 ngày 13/12/2026 (GMT+7)', '12 Dec 2026, 22:00 GMT+7 – 13 Dec 2026, 02:00 GMT+7'],
    ['a whole day, midnight to midnight', '2026-12-11T17:00:00Z', '2026-12-12T17:00:00Z', '00:00 ngày 12/12/2026 (GMT+7) – 00:00 ngày 13/12/2026 (GMT+7)', '12 Dec 2026, 00:00 GMT+7 – 13 Dec 2026, 00:00 GMT+7'],
  ])('a range %s writes its date once when it can', (_what, from, to, vietnamese, english) => {
    expect(vi.range(from, to)).toBe(vietnamese);
    expect(en.range(from, to)).toBe(english);
  });

  it('writes the date on both ends when the zone changes within the range (DST)', () => {
    const paris = formatters(dictionary('en'), 'Europe/Paris');
    expect(paris.range('2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z')).toBe('29 Mar 2026, 01:00 CET – 29 Mar 2026, 04:00 CEST');
  });

  it('writes local dates as they are, whatever the zone', () => {
    expect(en.day('2026-11-25')).toBe('25 Nov');
    expect(formatters(dictionary('en'), 'America/Los_Angeles').day('2026-11-25')).toBe('25 Nov');
    expect(vi.day('2026-11-05')).toBe('5/11');
  });

  it.each([
    [1, '100%', '100%'],
    [0.99999999, '99.99%', '99,99%'],
    [0.99999, '99.99%', '99,99%'],
    [0.9, '90.00%', '90,00%'],
    [null, 'no data', 'không có dữ liệu'],
  ])('uptime %s → %s (never rounded up to 100%)', (ratio, english, vietnamese) => {
    expect(en.uptime(ratio)).toBe(english);
    expect(vi.uptime(ratio).replace(/\u00a0/g, '')).toBe(vietnamese);
  });

  it.each([
    [45_000, '45 secs'],
    [60_000, '1 min'],
    [3_600_000, '1 hr'],
    [(2 * 60 + 5) * 60_000, '2 hrs, 5 mins'],
    [(26 * 60 + 1) * 60_000, '1 day, 2 hrs, 1 min'],
  ])('duration %d ms → %s', (ms, text) => expect(en.duration(ms)).toBe(text));
});
