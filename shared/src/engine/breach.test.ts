import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breachFigures } from './breach.ts';
import { baseCase, runOne, vn } from './fixtures.ts';
import type { BreachCredit } from './statement.ts';
import type { CaseFileInput } from '../case-file/schema.ts';

// docs/contract.md §1.3 (terms §4, §8): value to date = fees of the ended
// 12-month terms + fee × used days ÷ term days (half up, once); refund = the
// current term's fee − its used part. The fixture's C-1: 36,500,000 VND a
// year (100,000 a day), signed (first state) 2025-01-01 00:00 in Ho Chi Minh City.

const at = (local: string) => Math.floor(Date.parse(vn(local)) / 1000);
const SIGNED = at('2025-01-01T00:00');

describe('breachFigures', () => {
  it.each<{ name: string; fee?: bigint; signed?: string; breach: string; zone?: string; dayUsed?: boolean; want: [number, number, number, bigint, bigint] }>([
    { name: 'in the first term: 69 of 365 days used', breach: '2025-03-10T10:00', want: [0, 69, 365, 6_900_000n, 29_600_000n] },
    { name: 'after two renewals: two fees and 166 days', breach: '2027-06-15T10:00', want: [2, 166, 365, 89_600_000n, 19_900_000n] },
    { name: 'on a renewal day: the new term, its first day used', breach: '2026-01-01T00:30', want: [1, 1, 365, 36_600_000n, 36_400_000n] },
    { name: 'the last minute before renewal: the whole term used, nothing to refund', breach: '2025-12-31T23:59', want: [0, 365, 365, 36_500_000n, 0n] },
    { name: 'the breach day not counted (setting)', breach: '2026-01-01T00:30', dayUsed: false, want: [1, 0, 365, 36_500_000n, 36_500_000n] },
    { name: 'a leap term has 366 days; ½ đồng rounds up, once', fee: 183n, signed: '2024-01-01T00:00', breach: '2024-01-01T09:00', want: [0, 1, 366, 1n, 182n] },
    { name: 'signed on 29 February: the term renews on the 28th', fee: 365n, signed: '2024-02-29T12:00', breach: '2025-02-28T08:00', want: [1, 1, 365, 366n, 364n] },
    { name: 'days are the contract zone\'s: 03:00 in Vietnam is the 10th, not UTC\'s 9th', breach: '2025-03-10T03:00', want: [0, 69, 365, 6_900_000n, 29_600_000n] },
    { name: 'the same instant on a UTC contract falls on the 9th', signed: '2025-01-01T12:00', breach: '2025-03-10T03:00', zone: 'UTC', want: [0, 68, 365, 6_800_000n, 29_700_000n] },
  ])('$name', ({ fee = 36_500_000n, signed, breach, zone = 'Asia/Ho_Chi_Minh', dayUsed = true, want }) => {
    const f = breachFigures(fee, zone, signed === undefined ? SIGNED : at(signed), at(breach), dayUsed);
    expect([f.termsEnded, f.usedDays, f.termDays, f.valueVnd, f.refundVnd]).toEqual(want);
    expect(f.amountVnd).toBe(f.valueVnd + f.refundVnd);
    expect(f.amountVnd).toBe(fee * BigInt(f.termsEnded + 1));
  });
});

// For any fee, zone, signing and later breach: the amount is every fee paid to date, the
// refund is a part of one fee, and a later breach never owes a smaller value.
describe('breachFigures, for any contract', () => {
  const DAY = 86_400;
  it('amount = fee × terms begun; 0 ≤ refund ≤ fee; value grows with the breach date', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.constantFrom('Asia/Ho_Chi_Minh', 'UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'),
        fc.integer({ min: 0, max: 3000 * DAY }),
        fc.integer({ min: 0, max: 2000 * DAY }),
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.boolean(),
        (fee, zone, signedOffset, sinceSigning, later, dayUsed) => {
          const signed = SIGNED - 1500 * DAY + signedOffset;
          const first = breachFigures(fee, zone, signed, signed + sinceSigning, dayUsed);
          const second = breachFigures(fee, zone, signed, signed + sinceSigning + later, dayUsed);
          expect(first.amountVnd).toBe(fee * BigInt(first.termsEnded + 1));
          expect(first.refundVnd >= 0n && first.refundVnd <= fee).toBe(true);
          expect(first.usedDays).toBeLessThanOrEqual(first.termDays);
          expect(second.valueVnd >= first.valueVnd).toBe(true);
        },
      ),
    );
  });
});

const breach = (over: Record<string, unknown> = {}) => ({ id: 'X-1', contract: 'C-1', at: vn('2025-03-10T10:00'), declaredBy: 'ops-a', approvedBy: 'ops-b', evidence: 'https://example.test/report', ...over });
const breachLines = (input: CaseFileInput) => runOne(input).credits.filter((l): l is BreachCredit => l.source === 'breach');

describe('breach lines in the statement', () => {
  it('an approved breach is one line of value + refund, paid as money, in the totals', () => {
    const statement = runOne(baseCase({ breaches: [breach()] }));
    expect(statement.credits).toEqual([
      { source: 'breach', ref: 'X-1', at: at('2025-03-10T10:00'), termsEnded: 0, usedDays: 69, termDays: 365, valueVnd: 6_900_000n, refundVnd: 29_600_000n, amountVnd: 36_500_000n, licenseSeconds: 0n },
    ]);
    expect(statement.totals).toEqual({ licenseSeconds: 0n, amountVnd: 36_500_000n });
  });

  it.each([
    { name: 'not approved', over: { approvedBy: undefined } },
    { name: 'approved by the operator who declared it', over: { approvedBy: 'ops-a' } },
  ])('$name → nothing owed', ({ over }) => {
    expect(breachLines(baseCase({ breaches: [breach(over)] }))).toEqual([]);
  });

  it('while paused the breach is owed all the same, at the same figure', () => {
    const paused = baseCase({ breaches: [breach()] });
    paused.contracts![0]!.states!.push({ state: 'paused', from: vn('2025-03-01T00:00') });
    expect(breachLines(paused)).toEqual(breachLines(baseCase({ breaches: [breach()] })));
  });

  it('counts from signedAt when given, before the first state', () => {
    const input = baseCase({ breaches: [breach()] });
    input.contracts![0]!.signedAt = vn('2024-12-01T15:00');
    expect(breachLines(input)[0]).toMatchObject({ termsEnded: 0, usedDays: 100, termDays: 365, valueVnd: 10_000_000n });
  });

  it('with a period, only a breach inside it', () => {
    const input = baseCase({ breaches: [breach()], period: { from: vn('2025-04-01T00:00'), to: vn('2025-05-01T00:00') } });
    expect(breachLines(input)).toEqual([]);
  });
});
