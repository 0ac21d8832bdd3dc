import { describe, expect, it } from 'vitest';
import { durationText } from './duration-parts.ts';

const en = (n: bigint, part: string) => `${n} ${part}${n === 1n ? '' : 's'}`;

// Issue #16: license time on the statement in days and hours, exact on bigint.
describe('license time in words', () => {
  it.each<[bigint, string]>([
    [0n, 'none'],
    [43_200n, '12 hours'],
    [129_600n, '1 day 12 hours'],
    [86_400n, '1 day'],
    [-129_600n, '−1 day 12 hours'],
    [90_061n, '1 day 1 hour 1 minute 1 second'],
    [86_400n * 10n ** 20n, '100000000000000000000 days'],
  ])('%s s', (seconds, text) => {
    expect(durationText(seconds, en, 'none')).toBe(text);
  });
});
