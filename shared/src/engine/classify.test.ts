import { describe, expect, it } from 'vitest';
import { IMPACTS, TIERS, type Impact, type OutageClass, type Tier } from '../domain/sets.ts';
import { isVeryCritical } from './classify.ts';

// docs/contract.md §1.1: detected class, and the operator's override both ways.
describe('isVeryCritical', () => {
  it.each<{ tier: Tier; impact: Impact; cls?: OutageClass; want: boolean }>([
    { tier: 'core', impact: 'major_outage', want: true },
    { tier: 'core', impact: 'partial_outage', want: false },
    { tier: 'core', impact: 'degraded', want: false },
    { tier: 'feature', impact: 'major_outage', want: false },
    // raised: a security fault with no downtime, on any tier
    { tier: 'feature', impact: 'degraded', cls: 'very_critical', want: true },
    { tier: 'core', impact: 'partial_outage', cls: 'very_critical', want: true },
    // lowered: a core component down, judged not very critical by an operator
    { tier: 'core', impact: 'major_outage', cls: 'critical', want: false },
    { tier: 'core', impact: 'major_outage', cls: 'normal', want: false },
  ])('$tier $impact class=$cls → $want', ({ tier, impact, cls, want }) => {
    expect(isVeryCritical({ impact, class: cls }, tier)).toBe(want);
  });

  it('without an override, exactly one tier × impact pair is very critical', () => {
    const pairs = TIERS.flatMap((tier) => IMPACTS.map((impact) => ({ tier, impact })));
    expect(pairs.filter(({ tier, impact }) => isVeryCritical({ impact }, tier))).toEqual([{ tier: 'core', impact: 'major_outage' }]);
  });
});
