import { intersect, measure, subtract, type Interval } from '../time/intervals.ts';

/** case-file.md: the reasons, in priority order — an earlier reason takes the seconds two reasons share. */
export const EXCLUSION_REASONS = ['not_active', 'before_policy', 'force_majeure', 'maintenance'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** One fact that may excuse seconds of an outage; `intervals` in normal form (see time/intervals.ts). */
export interface ExclusionFact {
  reason: ExclusionReason;
  ref: string;
  intervals: readonly Interval[];
}

export interface Exclusion {
  reason: ExclusionReason;
  ref: string;
  seconds: number;
}

/**
 * sla-policy.md §3: creditable time = the outage minus every excluded interval.
 * Facts are taken in the order given (callers pass them by reason, then in
 * input order: case-file.md's priority); each takes only seconds no earlier
 * fact took, so no second is excluded twice and
 * `outageSeconds = creditableSeconds + Σ seconds` holds by construction.
 */
export function allocateExclusions(
  span: Interval,
  facts: readonly ExclusionFact[],
): { excluded: Exclusion[]; creditableSeconds: number } {
  let remaining: Interval[] = span.start < span.end ? [span] : [];
  const excluded: Exclusion[] = [];
  for (const fact of facts) {
    if (remaining.length === 0) break;
    const taken = intersect(remaining, fact.intervals);
    const seconds = measure(taken);
    if (seconds === 0) continue;
    excluded.push({ reason: fact.reason, ref: fact.ref, seconds });
    remaining = subtract(remaining, taken);
  }
  return { excluded, creditableSeconds: measure(remaining) };
}
