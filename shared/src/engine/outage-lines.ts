import type { CaseContract, CaseFile, CaseOutage } from '../case-file/schema.ts';
import type { Policy } from '../policy/policy.ts';
import { interval, overlaps, type Interval } from '../time/intervals.ts';
import { outageCredit } from './blocks.ts';
import { isVeryCritical } from './classify.ts';
import { notActiveFacts, stateSegments } from './contract-states.ts';
import { allocateExclusions, type ExclusionFact } from './exclusions.ts';
import { forceMajeureFacts } from './force-majeure.ts';
import { clipToPeriod } from './period.ts';
import type { OutageCredit } from './statement.ts';

/** A very critical outage with what does not depend on the contract worked out once. */
export interface PreparedOutage {
  outage: CaseOutage;
  span: Interval;
  forceMajeure: ExclusionFact[];
  /** Windows listing its component and overlapping it, by input index: valid or not depends on the contract's zone. */
  windows: number[];
}

/**
 * case-file.md: only very critical outages produce lines; each is clipped to
 * the period. Grouped by component, in input order.
 */
export function prepareOutages(caseFile: CaseFile, period: Interval | undefined, windowsByComponent: Map<string, number[]>) {
  const tiers = new Map(caseFile.components.map((c) => [c.id, c.tier]));
  const forceMajeure = new Map<string, ExclusionFact[]>();
  const byComponent = new Map<string, PreparedOutage[]>();
  for (const outage of caseFile.outages) {
    if (!isVeryCritical(outage, tiers.get(outage.component)!)) continue;
    const span = clipToPeriod(interval(outage.start, outage.end), period);
    if (span === undefined) continue;
    let facts = forceMajeure.get(outage.component);
    if (facts === undefined) {
      facts = forceMajeureFacts(caseFile.forceMajeure, outage.component, caseFile.policy.forceMajeureNeedsSecondApprover);
      forceMajeure.set(outage.component, facts);
    }
    const list = byComponent.get(outage.component) ?? [];
    list.push({
      outage,
      span,
      forceMajeure: facts.filter((f) => f.intervals.some((i) => overlaps(i, span))),
      windows: (windowsByComponent.get(outage.component) ?? []).filter((w) => overlaps(caseFile.maintenance[w]!, span)),
    });
    byComponent.set(outage.component, list);
  }
  return byComponent;
}

/**
 * One line per very critical outage on a component the contract covers, even
 * when nothing is owed (case-file.md). Exclusions in priority order: not
 * active, before the policy, force majeure, valid maintenance (sla-policy.md §3).
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
  const lines: OutageCredit[] = [];
  for (const component of new Set(contract.components)) {
    for (const { outage, span, forceMajeure, windows } of outages.get(component) ?? []) {
      const maintenance = windows.length === 0 ? NONE : windows.map(maintenanceFact).filter((fact) => fact !== undefined);
      const { excluded, creditableSeconds } = allocateExclusions(span, [notActive, beforePolicy, forceMajeure, maintenance]);
      const { blocks, licenseSeconds, amountVnd } = outageCredit(creditableSeconds, contract.annualFeeVnd, policy.blockRounding);
      lines.push({
        source: 'outage',
        ref: outage.id,
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

const NONE: ExclusionFact[] = [];
