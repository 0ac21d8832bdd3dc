import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fineLicenseSeconds, fineVnd, occurrences } from './repeat-bug.ts';

const D = 86_400;

// docs/contract.md §1.2: a recurrence counts only when reported after a recorded fix.
describe('occurrences', () => {
  it.each([
    {
      name: 'each report after a fix is a new occurrence',
      reports: [{ reportedAt: 1 * D, fixedAt: 2 * D }, { reportedAt: 3 * D, fixedAt: 4 * D }, { reportedAt: 5 * D }],
      want: [1, 3, 5],
    },
    {
      name: 'a report while unfixed is the same occurrence',
      reports: [{ reportedAt: 1 * D }, { reportedAt: 2 * D, fixedAt: 3 * D }, { reportedAt: 4 * D }],
      want: [1, 4], // the second report's fix closes the first occurrence
    },
    {
      name: 'a report before the fix of the previous one is the same occurrence',
      reports: [{ reportedAt: 1 * D, fixedAt: 5 * D }, { reportedAt: 3 * D, fixedAt: 4 * D }, { reportedAt: 4.5 * D }],
      want: [1], // closed at the latest fix (day 5): day 4.5 is still the same occurrence
    },
    {
      name: 'a report at the instant of the fix is not after it',
      reports: [{ reportedAt: 1 * D, fixedAt: 2 * D }, { reportedAt: 2 * D }],
      want: [1],
    },
    {
      name: 'reports are taken in reportedAt order, not input order',
      reports: [{ reportedAt: 5 * D }, { reportedAt: 1 * D, fixedAt: 2 * D }, { reportedAt: 3 * D, fixedAt: 4 * D }],
      want: [1, 3, 5],
    },
    { name: 'never fixed: one occurrence', reports: [{ reportedAt: 1 * D }, { reportedAt: 9 * D }], want: [1] },
  ])('$name', ({ reports, want }) => {
    const got = occurrences(reports);
    expect(got.map((o) => o.reportedAt / D)).toEqual(want);
    expect(got.map((o) => o.n)).toEqual(want.map((_, i) => i + 1));
  });
});

describe('fineVnd (docs/contract.md §1.2: 500,000 × 2^(n−2))', () => {
  it.each([
    { n: 1, want: 0n },
    { n: 2, want: 500_000n },
    { n: 3, want: 1_000_000n },
    { n: 4, want: 2_000_000n },
  ])('occurrence $n costs $want', ({ n, want }) => {
    expect(fineVnd(n, 500_000n)).toBe(want);
  });
  it('each fine is exactly double the previous', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (n, base) => {
        expect(fineVnd(n + 1, base)).toBe(2n * fineVnd(n, base));
      }),
    );
  });
  it('stays exact at occurrence 60, far past 2^53', () => {
    const fine = fineVnd(60, 500_000n);
    expect(fine > 2n ** 53n).toBe(true);
    expect(fine / 500_000n).toBe(2n ** 58n);
    expect(fine % 500_000n).toBe(0n);
    // Σ of fines 2…60 = base × (2^59 − 1): a geometric series, no float anywhere.
    let sum = 0n;
    for (let n = 2; n <= 60; n++) sum += fineVnd(n, 500_000n);
    expect(sum).toBe(500_000n * (2n ** 59n - 1n));
  });
});

// docs/contract.md §1.2: license = fine ÷ (annual fee ÷ 365), rounded up to the whole hour by default.
describe('fineLicenseSeconds', () => {
  it.each([
    { fine: 500_000n, fee: 36_500_000n, rounding: 'hour_up', want: 432_000n }, // exactly 5 days
    { fine: 500_000n, fee: 36_500_000n, rounding: 'second', want: 432_000n },
    { fine: 500_000n, fee: 100_000_000n, rounding: 'second', want: 157_680n }, // 1.825 days
    { fine: 500_000n, fee: 100_000_000n, rounding: 'hour_up', want: 158_400n }, // 43.8 h → 44 h
    { fine: 500_000n, fee: 700_000_000n, rounding: 'second', want: 22_526n }, // 22,525.71 s → up
    { fine: 500_000n, fee: 700_000_000n, rounding: 'hour_up', want: 25_200n }, // 6.257 h → 7 h
  ] as const)('$fine VND on a $fee fee, $rounding → $want s', ({ fine, fee, rounding, want }) => {
    expect(fineLicenseSeconds(fine, fee, rounding)).toBe(want);
  });
  it('hour_up is the second figure rounded up to a whole hour', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (fine, fee) => {
        const seconds = fineLicenseSeconds(fine, fee, 'second');
        const hours = fineLicenseSeconds(fine, fee, 'hour_up');
        expect(hours % 3600n).toBe(0n);
        expect(hours >= seconds && hours - seconds < 3600n).toBe(true);
      }),
    );
  });
});
