import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BlockRounding } from '../policy/policy.ts';
import { decimal, outageCredit, outageCreditFor } from './blocks.ts';

const H = 3600;
const FEE = 36_500_000n; // 100,000 VND a day, 50,000 per block

// SLA §C.5 (docs/contract.md §1.1): every 2 h of stoppage = ½ day; policy blockRounding.
describe('outageCredit', () => {
  it.each<{ seconds: number; rounding: BlockRounding; blocks: string; licenseSeconds: bigint; amountVnd: bigint }>([
    { seconds: 5 * H, rounding: 'floor', blocks: '2', licenseSeconds: 86_400n, amountVnd: 100_000n },
    { seconds: 5 * H, rounding: 'ceil', blocks: '3', licenseSeconds: 129_600n, amountVnd: 150_000n },
    { seconds: 5 * H, rounding: 'prorata', blocks: '2.5', licenseSeconds: 108_000n, amountVnd: 125_000n },
    { seconds: 2 * H - 1, rounding: 'floor', blocks: '0', licenseSeconds: 0n, amountVnd: 0n },
    { seconds: 1, rounding: 'ceil', blocks: '1', licenseSeconds: 43_200n, amountVnd: 50_000n },
    { seconds: 4 * H, rounding: 'ceil', blocks: '2', licenseSeconds: 86_400n, amountVnd: 100_000n },
    { seconds: 0, rounding: 'ceil', blocks: '0', licenseSeconds: 0n, amountVnd: 0n },
    // 40 min = ⅓ block: the text is rounded to 6 decimals, the money is not.
    { seconds: 2400, rounding: 'prorata', blocks: '0.333333', licenseSeconds: 14_400n, amountVnd: 16_667n },
    { seconds: 4800, rounding: 'prorata', blocks: '0.666667', licenseSeconds: 28_800n, amountVnd: 33_333n },
    { seconds: 1, rounding: 'prorata', blocks: '0.000139', licenseSeconds: 6n, amountVnd: 7n },
  ])('$seconds s, $rounding → $blocks blocks', ({ seconds, rounding, blocks, licenseSeconds, amountVnd }) => {
    expect(outageCredit(seconds, FEE, rounding)).toMatchObject({ blocks, licenseSeconds, amountVnd });
  });

  // docs/case-file.md: amount = blocks × annualFee ÷ 730, rounded half up once at the end.
  it.each([
    { fee: 365n, blocks: 1, want: 1n }, // 0.5 → 1
    { fee: 364n, blocks: 1, want: 0n }, // 0.4986 → 0
    { fee: 1_095n, blocks: 1, want: 2n }, // 1.5 → 2
    // once, at the end: 3 × 730,292 ÷ 730 = 3001.2 → 3001; rounding each block (1000.4 → 1000) would give 3000
    { fee: 730_292n, blocks: 3, want: 3001n },
  ])('fee $fee, $blocks blocks → $want VND', ({ fee, blocks, want }) => {
    expect(outageCredit(blocks * 2 * H, fee, 'floor').amountVnd).toBe(want);
  });

  it('licenseSeconds = blocks × 43,200 under every rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400 }), fc.constantFrom<BlockRounding>('floor', 'ceil', 'prorata'), (seconds, rounding) => {
        const { blocks, licenseSeconds } = outageCredit(seconds, FEE, rounding);
        if (rounding !== 'prorata') expect(licenseSeconds).toBe(BigInt(blocks) * 43_200n);
        else expect(licenseSeconds).toBe(BigInt(seconds) * 6n); // exact: seconds ÷ 7200 × 43,200
      }),
    );
  });

  it('floor ≤ prorata ≤ ceil', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400 }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (seconds, fee) => {
        const [f, p, c] = (['floor', 'prorata', 'ceil'] as const).map((r) => outageCredit(seconds, fee, r).amountVnd);
        expect(f! <= p! && p! <= c!).toBe(true);
      }),
    );
  });
});

describe('decimal', () => {
  it.each([
    { n: 5n, d: 2n, want: '2.5' },
    { n: 4n, d: 2n, want: '2' },
    { n: 1n, d: 3n, want: '0.333333' },
    { n: 2n, d: 3n, want: '0.666667' },
    { n: 1n, d: 2_000_000n, want: '0.000001' }, // half up at the 6th place
    { n: 1n, d: 2_000_001n, want: '0' },
    { n: 7_199_999n, d: 7_200_000n, want: '1' },
  ])('$n / $d → $want', ({ n, d, want }) => {
    expect(decimal(n, d, 6)).toBe(want);
  });
});

describe('outageCreditFor', () => {
  it('gives what outageCredit gives, for any seconds, fee and rounding', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.constantFrom<BlockRounding>('floor', 'ceil', 'prorata'),
        fc.array(fc.integer({ min: 0, max: 30 * 3600 }), { maxLength: 20 }),
        (fee, rounding, seconds) => {
          const creditFor = outageCreditFor(fee, rounding);
          for (const s of seconds) expect(creditFor(s)).toEqual(outageCredit(s, fee, rounding));
        },
      ),
    );
  });
});
