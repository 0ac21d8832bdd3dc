import type { CaseContract, CaseFile, CaseOutage } from '../case-file/schema.ts';
import type { Policy } from '../policy/policy.ts';
import { interval, overlaps, type Interval } from '../time/intervals.ts';
import { outageCreditFor } from './blocks.ts';
import { isVeryCritical } from './classify.ts';
import { notActiveFacts, stateSegments } from './contract-states.ts';
import { allocateExclusions, type ExclusionFact } from './exclusions.ts';
import { forceMajeureFacts } from './force-majeure.ts';
import { overlapFinder } from './overlap-finder.ts';
import { clipToPeriod } from './period.ts';
import type { OutageCredit } from './statement.ts';

/** A very critical outage with what does not depend on the contract worked out once. */
export interface PreparedOutage {
  outage: CaseOutage;
  span: Interval;
  forceMajeure: ExclusionFact[];
  /** Windows listing its component and overlapping it, by input index: valid or not depends on the contract's zone. */
  windows: number[];
  /**
   * Exclusions for contracts active throughout the outage, per time zone: all
   * they depend on then. A component is shared by ~100 contracts in a handful
   * of zones, so this is worked out a few times instead of a hundred.
   */
  byZone: Map<string, Allocation>;
}

type Allocation = ReturnType<typeof allocateExclusions>;

/**
 * docs/case-file.md: only very critical outages produce lines; each is clipped to
 * the period. Grouped by component, in statement order.
 */
export function prepareOutages(caseFile: CaseFile, period: Interval | undefined, windowsByComponent: Map<string, number[]>) {
  const tiers = new Map(caseFile.components.map((c) => [c.id, c.tier]));
  const forceMajeure = new Map<string, (span: Interval) => ExclusionFact[]>();
  const byComponent = new Map<string, PreparedOutage[]>();
  for (const outage of caseFile.outages) {
    if (!isVeryCritical(outage, tiers.get(outage.component)!)) continue;
    const span = clipToPeriod(interval(outage.start, outage.end), period);
    if (span === undefined) continue;
    let overlapping = forceMajeure.get(outage.component);
    if (overlapping === undefined) {
      overlapping = overlapFinder(forceMajeureFacts(caseFile.forceMajeure, outage.component, caseFile.policy.forceMajeureNeedsSecondApprover));
      forceMajeure.set(outage.component, overlapping);
    }
    const list = byComponent.get(outage.component) ?? [];
    list.push({
      outage,
      span,
      forceMajeure: overlapping(span),
      windows: (windowsByComponent.get(outage.component) ?? []).filter((w) => overlaps(caseFile.maintenance[w]!, span)),
      byZone: new Map(),
    });
    byComponent.set(outage.component, list);
  }
  // Each component's outages in statement order (start, then id): a contract's
  // lines are then a few sorted runs, which sorting merges instead of redoing.
  for (const list of byComponent.values()) list.sort((a, b) => a.outage.start - b.outage.start || (a.outage.id < b.outage.id ? -1 : a.outage.id > b.outage.id ? 1 : 0));
  return byComponent;
}

/**
 * One line per very critical outage on a component the contract covers, even
 * when nothing is owed (docs/case-file.md). Exclusions in priority order: not
 * active, before the policy, force majeure, valid maintenance (docs/contract.md §3).
 */
export function outageLines(
  contract: CaseContract,
  outages: Map<string, PreparedOutage[]>,
  maintenanceFact: (window: number) => ExclusionFact | undefined,
  policy: Policy,
): OutageCredit[] {
  const notActive = notActiveFacts(stateSegments(contract.states), policy.pausedEarnsCredits);
  const beforePolicy: ExclusionFact[] = [
    { reason: 'before_policy', ref: policy.version, intervals: [interval(-Infinity, policy.effectiveFrom)] },
  ];
  const allocate = (prepared: PreparedOutage, states: readonly ExclusionFact[]) => {
    const maintenance = prepared.windows.length === 0 ? NONE : prepared.windows.map(maintenanceFact).filter((fact) => fact !== undefined);
    return allocateExclusions(prepared.span, [states, beforePolicy, prepared.forceMajeure, maintenance]);
  };
  const creditFor = outageCreditFor(contract.annualFeeVnd, policy.blockRounding, policy.daysPerYear);
  const lines: OutageCredit[] = [];
  for (const component of new Set(contract.components)) {
    for (const prepared of outages.get(component) ?? []) {
      const { outage, span } = prepared;
      let allocation: Allocation | undefined;
      if (touches(notActive, span)) {
        allocation = allocate(prepared, notActive);
      } else {
        allocation = prepared.byZone.get(contract.timeZone);
        if (allocation === undefined) {
          allocation = allocate(prepared, NONE);
          prepared.byZone.set(contract.timeZone, allocation);
        }
      }
      const { excluded, creditableSeconds } = allocation;
      const { blocks, licenseSeconds, amountVnd } = creditFor(creditableSeconds);
      lines.push({
        source: 'outage',
        ref: outage.id,
        ...(outage.recordedBy === undefined ? {} : { recordedBy: outage.recordedBy }),
        at: outage.start,
        span,
        outageSeconds: span.end - span.start,
        creditableSeconds,
        excluded,
        blocks,
        licenseSeconds,
        amountVnd,
      });
    }
  }
  return lines;
}

const NONE: readonly ExclusionFact[] = [];

/** Whether any of the facts covers part of the span (a plain loop: it runs for every line). */
function touches(facts: readonly ExclusionFact[], span: Interval): boolean {
  for (const fact of facts) for (const i of fact.intervals) if (i.start < span.end && span.start < i.end) return true;
  return false;
}

