import { describe, expect, it } from 'vitest';
import { apologyText, licenseTime } from './apology-text.ts';

describe('the §C.5 apology text', () => {
  it.each([
    [43_200n, '12 giờ', '12 hours'],
    [86_400n, '1 ngày', '1 day'],
    [3n * 43_200n, '1 ngày 12 giờ', '1 day 12 hours'],
    // Past 2^53 seconds the figure stays exact: bigint all the way.
    [2n ** 60n, '13343998895912 ngày 13 giờ 56 phút', '13343998895912 days 13 hours 56 minutes'],
    [0n, '0 giờ', '0 hours'],
  ])('%s s of license time is "%s" / "%s"', (seconds, vi, en) => {
    expect(licenseTime(seconds, 'vi')).toBe(vi);
    expect(licenseTime(seconds, 'en')).toBe(en);
  });

  it('tells the window on the contract’s clock, and the credit as license time', () => {
    const facts = { component: 'web', startedAt: new Date('2026-03-02T16:30:00Z'), endedAt: new Date('2026-03-02T19:00:00Z'), timeZone: 'Asia/Ho_Chi_Minh', licenseSeconds: 86_400n };
    expect(apologyText(facts, 'en').body).toContain('from 02/03/2026, 23:30 to 03/03/2026, 02:00 (Asia/Ho_Chi_Minh time)');
    expect(apologyText(facts, 'en').body).toContain('extended by 1 day.');
    expect(apologyText(facts, 'vi').body).toContain('được cộng 1 ngày thời hạn');
    expect(apologyText(facts, 'vi').body).toMatch(/từ .*23:30.* đến .*02:00.* \(giờ Asia\/Ho_Chi_Minh\)/);
  });
});
