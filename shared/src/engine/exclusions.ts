import { intersect, measure, subtract, type Interval } from '../time/intervals.ts';

/** docs/case-file.md: the reasons, in priority order — an earlier reason takes the seconds two reasons share. */
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
 * docs/contract.md §3: creditable time = the outage minus every excluded interval.
 * Facts are taken in the order given — groups in order, each group in order;
 * callers group them by reason, facts in input order: docs/case-file.md's
 * priority. Each takes only seconds no earlier fact took, so no second is
 * excluded twice and `outageSeconds = creditableSeconds + Σ seconds` holds by
 * construction.
 */
export function allocateExclusions(
  span: Interval,
  groups: ReadonlyArray<readonly ExclusionFact[]>,
): { excluded: readonly Exclusion[]; creditableSeconds: number } {
  let remaining: Interval[] = span.start < span.end ? [span] : [];
  let excluded: Exclusion[] | undefined;
  for (const facts of groups) {
    for (const fact of facts) {
      if (remaining.length === 0) break;
      if (!reaches(fact.intervals, remaining)) continue; // the common case, without allocating
      const taken = intersect(remaining, fact.intervals);
      if (taken.length === 0) continue;
      const seconds = measure(taken);
      excluded ??= [];
      excluded.push({ reason: fact.reason, ref: fact.ref, seconds });
      remaining = subtract(remaining, taken);
    }
  }
  // Frozen: one result may serve the lines of many contracts (see outage-lines.ts).
  return { excluded: excluded === undefined ? NOTHING_EXCLUDED : Object.freeze(excluded), creditableSeconds: measure(remaining) };
}

/** Most outages have no exclusion: one frozen empty list serves them all (a statement holds ~300,000 lines a year). */
const NOTHING_EXCLUDED: readonly Exclusion[] = Object.freeze([]);

/** Whether two lists in normal form can overlap at all, judged by their outer bounds. */
function reaches(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.length > 0 && b.length > 0 && a[0]!.start < b.at(-1)!.end && b[0]!.start < a.at(-1)!.end;
}
