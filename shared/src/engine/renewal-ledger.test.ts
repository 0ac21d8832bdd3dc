import { describe, expect, it } from 'vitest';
import type { CaseFileInput } from '../case-file/schema.ts';
import { baseCase, majorOutage, runOne, vn } from './fixtures.ts';

// docs/contract.md §4: money a renewal's fee cannot absorb is carried to the
// next renewal (Default) or, by policy, paid as license days — never dropped.
// The fixtures' fee is 36,500,000 VND (100,000 a day, 50,000 per 2 h block).

const renewals = [
  { at: vn('2025-02-01T00:00'), feeVnd: '120000' },
  { at: vn('2025-03-01T00:00'), feeVnd: '36500000' },
];

function renewalsOf(over: Partial<NonNullable<CaseFileInput['contracts']>[number]>, outages: CaseFileInput['outages'], policy: CaseFileInput['policy'] = {}) {
  const [contract] = baseCase().contracts!;
  return runOne(baseCase({ policy, contracts: [{ ...contract!, renewals, ...over }], outages })).renewals?.map((r) => ({
    owed: r.owedVnd,
    deducted: r.deductedVnd,
    pay: r.payVnd,
    carried: r.carriedVnd,
    days: r.licenseDays,
  }));
}

// 10 h and 2 h down in January: 5 + 1 blocks = 300,000 VND; 4 h in February: 100,000.
const outages = [
  majorOutage('O-1', '2025-01-10T08:00', '2025-01-10T18:00'),
  majorOutage('O-2', '2025-01-20T08:00', '2025-01-20T10:00'),
  majorOutage('O-3', '2025-02-10T08:00', '2025-02-10T12:00'),
];

describe('renewals', () => {
  it('carry (Default): the excess past a fee is deducted at the next renewal', () => {
    expect(renewalsOf({ creditAs: 'renewal' }, outages)).toEqual([
      { owed: 300_000n, deducted: 120_000n, pay: 0n, carried: 180_000n, days: 0n },
      { owed: 280_000n, deducted: 280_000n, pay: 36_220_000n, carried: 0n, days: 0n },
    ]);
  });

  it('license_time: the excess becomes days at the renewal’s daily rate, half up once', () => {
    // 180,000 × 365 ÷ 120,000 = 547.5 days → 548.
    expect(renewalsOf({ creditAs: 'renewal' }, outages, { excessCredit: 'license_time' })).toEqual([
      { owed: 300_000n, deducted: 120_000n, pay: 0n, carried: 0n, days: 548n },
      { owed: 100_000n, deducted: 100_000n, pay: 36_400_000n, carried: 0n, days: 0n },
    ]);
  });

  it('license_time with daysPerYear 360: the days at fee ÷ 360 (docs/contract.md §1.1)', () => {
    // Blocks are fee ÷ 720 now, rounded per line: O-1's 5 blocks 253,472.2 → 253,472, O-2's one 50,694.4 → 50,694;
    // the excess 184,166 × 360 ÷ 120,000 = 552.5 − 0.002 days → 552.
    expect(renewalsOf({ creditAs: 'renewal' }, outages, { excessCredit: 'license_time', daysPerYear: 360 })?.[0]).toEqual({ owed: 304_166n, deducted: 120_000n, pay: 0n, carried: 0n, days: 552n });
  });

  it('a contract credited as license time owes its renewals no money for outages', () => {
    expect(renewalsOf({ creditAs: 'license' }, outages)).toEqual([
      { owed: 0n, deducted: 0n, pay: 120_000n, carried: 0n, days: 0n },
      { owed: 0n, deducted: 0n, pay: 36_500_000n, carried: 0n, days: 0n },
    ]);
  });

  it('without renewals the statement has none', () => {
    expect(renewalsOf({ creditAs: 'renewal', renewals: undefined }, outages)).toBeUndefined();
  });
});
