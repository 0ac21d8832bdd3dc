import type { Impact, OutageClass, Tier } from '../domain/sets.ts';

/**
 * SLA §C.5 (docs/contract.md §1.1): only very critical faults earn license time.
 * Detected: a `core` component fully down (`major_outage`). An operator's
 * class wins both ways: `very_critical` whatever the impact (e.g. a security
 * fault with no downtime), `critical` / `normal` never.
 */
export function isVeryCritical(outage: { impact: Impact; class?: OutageClass | undefined }, tier: Tier): boolean {
  if (outage.class !== undefined) return outage.class === 'very_critical';
  return tier === 'core' && outage.impact === 'major_outage';
}
