import { describe, expect, it } from 'vitest';
import { dictionary } from '@sla/shared/status/i18n/index.ts';
import { formatters } from './format.ts';

describe('formatters', () => {
  const en = formatters(dictionary('en'), 'Asia/Ho_Chi_Minh');
  const vi = formatters(dictionary('vi'), 'Asia/Ho_Chi_Minh');

  it('writes instants in the chosen zone with its name', () => {
    expect(en.instant('2026-11-24T20:30:00Z')).toBe('25 Nov 2026, 03:30 GMT+7');
    expect(formatters(dictionary('en'), 'UTC').instant('2026-11-24T20:30:00Z')).toBe('24 Nov 2026, 20:30 UTC');
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
