import { describe, expect, it } from 'vitest';
import { MAINTENANCE_KINDS } from '../domain/sets.ts';
import { EXCLUSION_REASONS } from './exclusions.ts';
import { VIOLATIONS } from './maintenance-rules.ts';
import { durationWords, exclusionWords, violationWords } from './words.ts';

describe('durationWords', () => {
  it.each([
    { seconds: 0, want: '0 s' },
    { seconds: 45, want: '45 s' },
    { seconds: 9000, want: '2 h 30 min' },
    { seconds: 86_400, want: '1 day' },
    { seconds: 129_600, want: '1 day 12 h' },
    { seconds: 3_024_000, want: '35 days' },
    { seconds: 90_061n, want: '1 day 1 h 1 min 1 s' },
  ])('$seconds s → $want', ({ seconds, want }) => {
    expect(durationWords(seconds)).toBe(want);
  });
});

describe('rules in words', () => {
  it.each([
    { violation: 'notice_missing', kind: 'infrastructure', want: 'no notice before the start; infrastructure needs one ≥ 24 h before the start' },
    { violation: 'notice_too_late', kind: 'version_upgrade', want: 'notices came, but none early enough; version upgrade needs one ≥ 72 h and another ≥ 24 h before the start' },
    { violation: 'second_notice_missing', kind: 'version_upgrade', want: 'no second notice early enough; version upgrade needs one ≥ 72 h and another ≥ 24 h before the start' },
    { violation: 'starts_outside_hours', kind: 'minor_update', want: 'starts outside the allowed hours: at or after 19:00 local time, ending by 06:00' },
    { violation: 'ends_too_late', kind: 'backup', want: 'runs past 06:00 local time, the end of its night' },
    { violation: 'wrong_day_of_month', kind: 'version_upgrade', want: 'only on nights of days 11–25 of the month' },
  ] as const)('$violation ($kind)', ({ violation, kind, want }) => {
    expect(violationWords(violation, kind, '06:00')).toBe(want);
  });

  it('every violation and every exclusion reason has words citing a section', () => {
    for (const kind of MAINTENANCE_KINDS) for (const v of VIOLATIONS) expect(violationWords(v, kind, '06:00')).not.toMatch(/undefined/);
    for (const reason of EXCLUSION_REASONS) expect(exclusionWords(reason, 'X')).toMatch(/§\d/);
  });
});
