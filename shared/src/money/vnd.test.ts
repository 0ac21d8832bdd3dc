import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divideCeil, divideHalfUp, formatVnd } from './vnd.ts';

describe('divideHalfUp (docs/case-file.md: half up, once)', () => {
  it.each([
    { n: 0n, d: 730n, want: 0n },
    { n: 364n, d: 730n, want: 0n },
    { n: 365n, d: 730n, want: 1n }, // exactly half goes up
    { n: 1095n, d: 730n, want: 2n }, // 1.5 → 2
    { n: 1094n, d: 730n, want: 1n },
    { n: 73_000_000n, d: 730n, want: 100_000n },
  ])('$n / $d = $want', ({ n, d, want }) => {
    expect(divideHalfUp(n, d)).toBe(want);
  });
  it('is within ½ of the exact quotient, ties going up', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        const q = divideHalfUp(n, d);
        // |q·d − n| ≤ d/2, and when exactly d/2 the rounding went up (q·d > n).
        const diff = q * d - n;
        expect(2n * (diff < 0n ? -diff : diff) <= d).toBe(true);
        if (2n * diff === -d) throw new Error('tie rounded down');
      }),
    );
  });
  it('refuses a negative numerator or a zero divisor', () => {
    expect(() => divideHalfUp(-1n, 2n)).toThrow(RangeError);
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe('divideCeil', () => {
  it.each([
    { n: 0n, d: 3600n, want: 0n },
    { n: 1n, d: 3600n, want: 1n },
    { n: 3600n, d: 3600n, want: 1n },
    { n: 3601n, d: 3600n, want: 2n },
  ])('⌈$n / $d⌉ = $want', ({ n, d, want }) => {
    expect(divideCeil(n, d)).toBe(want);
  });
});

describe('formatVnd', () => {
  const intl = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
  it('matches Intl vi-VN wherever Intl is exact', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }), (amount) => {
        expect(formatVnd(amount)).toBe(intl.format(amount));
      }),
    );
  });
  it('writes 500.000 ₫ with a no-break space', () => {
    expect(formatVnd(500_000n)).toBe('500.000\u00a0₫');
  });
  it('stays exact past 2^53, where a float would not', () => {
    const fine = 500_000n * 2n ** 58n; // occurrence 60 (docs/contract.md §1.2)
    const text = formatVnd(fine);
    expect(text.replaceAll('.', '').replace('\u00a0₫', '')).toBe(fine.toString());
    expect(formatVnd(-(10n ** 40n) - 7n)).toBe(`-10${'.000'.repeat(12)}.007\u00a0₫`);
  });
});
