import { EXCLUSION_REASONS, VIOLATIONS, type Exclusion, type ExclusionReason, type Violation } from '@sla/shared';
import type { ContractStatement } from '@sla/shared/engine/statement.ts';

// What the engine last concluded for each contract, beyond the money the
// ledger keeps: which outage seconds it excused and why (docs/contract.md §3),
// and which maintenance windows broke SLA §C.1. The ledger service keeps the
// latest per contract; /metrics reads it (issue #6) instead of running the
// engine again on every refresh.

export interface OutageJudgement {
  ref: string;
  component: string;
  creditableSeconds: number;
  excluded: readonly Exclusion[];
}

export interface ContractJudgement {
  outages: readonly OutageJudgement[];
  windows: ReadonlyArray<{ ref: string; violations: readonly Violation[] }>;
}

/** What a judgement of some components covers: their outages, and the windows listing one of them (recompute.ts recomputeOnComponents). */
export interface JudgementScope {
  components: ReadonlySet<string>;
  /** Refs of every window listing one of the components, cancelled ones too: a cancelled window leaves the judgement. */
  windows: ReadonlySet<string>;
}

/** The last judgement with the part in `scope` replaced by `part`, a judgement of that scope alone. */
export function mergeJudgement(last: ContractJudgement | undefined, part: ContractJudgement, scope: JudgementScope): ContractJudgement {
  if (last === undefined) return part;
  return {
    outages: [...last.outages.filter((o) => !scope.components.has(o.component)), ...part.outages],
    // An occurrence of a recurring window (`M-5@2025-03-04`, issue #16) is in the scope of its window.
    windows: [...last.windows.filter((w) => !scope.windows.has(w.ref.split('@')[0]!)), ...part.windows],
  };
}

/** The judgement in one contract's statement; `componentOf` maps an outage ref to its component (from the case file). */
export function judgementOf(contract: ContractStatement, componentOf: (ref: string) => string | undefined): ContractJudgement {
  const outages: OutageJudgement[] = [];
  for (const line of contract.credits) {
    if (line.source !== 'outage') continue;
    const component = componentOf(line.ref);
    if (component !== undefined) outages.push({ ref: line.ref, component, creditableSeconds: line.creditableSeconds, excluded: line.excluded });
  }
  return { outages, windows: contract.maintenance.map((w) => ({ ref: w.ref, violations: w.violations })) };
}

/**
 * Excused seconds per component and reason, each outage second once however
 * many contracts cover it. Where contracts disagree (a window announced in
 * time for one contract's notice rule and not another's), the outage counts
 * as the contract that excuses least judged it: the metric never shows more
 * excused downtime than some customer was told. Ties go to the contract first
 * by id, so the figure does not depend on the order of recomputation.
 */
export function excludedDowntime(byContract: ReadonlyMap<string, ContractJudgement>): Array<{ component: string; reason: ExclusionReason; seconds: number }> {
  const chosen = new Map<string, OutageJudgement>();
  for (const id of [...byContract.keys()].sort()) {
    for (const outage of byContract.get(id)!.outages) {
      const seen = chosen.get(outage.ref);
      if (seen === undefined || outage.creditableSeconds > seen.creditableSeconds) chosen.set(outage.ref, outage);
    }
  }
  const sums = new Map<string, { component: string; reason: ExclusionReason; seconds: number }>();
  for (const outage of chosen.values()) {
    for (const e of outage.excluded) {
      const key = `${outage.component}\u0000${e.reason}`;
      const sum = sums.get(key) ?? sums.set(key, { component: outage.component, reason: e.reason, seconds: 0 }).get(key)!;
      sum.seconds += e.seconds;
    }
  }
  return [...sums.values()].sort((a, b) => (a.component < b.component ? -1 : a.component > b.component ? 1 : EXCLUSION_REASONS.indexOf(a.reason) - EXCLUSION_REASONS.indexOf(b.reason)));
}

/** The SLA §C.1 rules a window breaks for at least one contract, in VIOLATIONS order; none when no contract judged it. */
export function windowViolations(byContract: ReadonlyMap<string, ContractJudgement>): Map<string, Violation[]> {
  const found = new Map<string, Set<Violation>>();
  for (const judgement of byContract.values()) {
    for (const w of judgement.windows) {
      const set = found.get(w.ref) ?? found.set(w.ref, new Set()).get(w.ref)!;
      for (const v of w.violations) set.add(v);
    }
  }
  return new Map([...found].map(([ref, set]) => [ref, VIOLATIONS.filter((v) => set.has(v))]));
}
