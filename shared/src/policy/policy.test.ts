import { describe, expect, it } from 'vitest';
import { parsePolicy, policySchema, POLICY_DEFAULTS } from './policy.ts';

describe('policy defaults (docs/contract.md: each **Default** is a setting)', () => {
  const policy = parsePolicy();
  it.each([
    { field: 'version', want: '1office-sla-2025' },
    { field: 'blockRounding', want: 'floor' }, // §1.1
    { field: 'pausedEarnsCredits', want: false }, // §1.4
    { field: 'forceMajeureNeedsSecondApprover', want: true }, // §3.2
    { field: 'fineBaseVnd', want: 500_000n }, // §1.2
    { field: 'fineLicenseRounding', want: 'hour_up' }, // §1.2
    { field: 'declaredNoticesCount', want: true }, // §3.1
  ] as const)('$field defaults to $want', ({ field, want }) => {
    expect(policy[field]).toBe(want);
  });
  it('takes effect on 2025-01-01 in Vietnam (§6)', () => {
    expect(new Date(policy.effectiveFrom * 1000).toISOString()).toBe('2024-12-31T17:00:00.000Z');
  });
  it('ends windows at 06:00 (§3.1)', () => {
    expect(policy.latestEnd.toString()).toBe('06:00:00');
  });
  it('runs very critical tickets on the wall clock, the rest in working hours, with no extra days (§2)', () => {
    expect([policy.ticketWallClockClasses, policy.extraDaysOff, policy.extraWorkingDays]).toEqual([['very_critical'], [], []]);
  });
});

describe('policy overrides', () => {
  it('overrides one field and keeps the other defaults', () => {
    const policy = parsePolicy({ blockRounding: 'prorata', fineBaseVnd: '1000000' });
    expect(policy.blockRounding).toBe('prorata');
    expect(policy.fineBaseVnd).toBe(1_000_000n);
    expect(policy.version).toBe(POLICY_DEFAULTS.version);
  });
  it.each([
    { input: { blockRounding: 'round' }, path: 'blockRounding' },
    { input: { latestEnd: '6am' }, path: 'latestEnd' },
    { input: { fineBaseVnd: '5e5' }, path: 'fineBaseVnd' },
    { input: { effectiveFrom: '2025-01-01' }, path: 'effectiveFrom' },
    { input: { pausedEarnsCredit: true }, path: '' }, // a typo is an unknown key, not a silent default
  ])('rejects $input', ({ input, path }) => {
    const result = policySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });
});
