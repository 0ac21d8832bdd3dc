import type { CaseFile } from '../case-file/schema.ts';
import { interval, type Interval } from '../time/intervals.ts';
import { bugLines } from './bug-lines.ts';
import type { ExclusionFact } from './exclusions.ts';
import { judgeWindow } from './maintenance-verdict.ts';
import { outageLines, prepareOutages } from './outage-lines.ts';
import { clipToPeriod } from './period.ts';
import { compareLines, totals, type Statement, type WindowVerdict } from './statement.ts';

/**
 * The credit engine (case-file.md): a parsed case file in, a statement out.
 * Pure — no clock, no I/O — so anyone can recompute a credit from the facts.
 */
export function computeStatement(caseFile: CaseFile): Statement {
  const { policy, maintenance } = caseFile;
  const period = caseFile.period === undefined ? undefined : interval(caseFile.period.from, caseFile.period.to);
  const windowsByComponent = indexWindows(caseFile);
  const outages = prepareOutages(caseFile, period, windowsByComponent);
  const bugsByContract = Map.groupBy(caseFile.bugs, (bug) => bug.contract);
  const windowFacts: ExclusionFact[] = maintenance.map((w) => ({
    reason: 'maintenance',
    ref: w.id,
    intervals: w.start < w.end ? [interval(w.start, w.end)] : [],
  }));
  const windowInPeriod = maintenance.map((w) => clipToPeriod(interval(w.start, w.end), period) !== undefined);

  // A window's verdict depends only on the zone it is judged in (sla-policy.md §6):
  // judge it once per zone, and let the contracts of that zone share it.
  const zones = new Map<string, Array<WindowVerdict | undefined>>();
  const verdictsIn = (timeZone: string) => {
    let judged = zones.get(timeZone);
    // Dense from the start: filling a sparse array at random indexes would make it a slow dictionary.
    if (judged === undefined) zones.set(timeZone, (judged = new Array<WindowVerdict | undefined>(maintenance.length).fill(undefined)));
    return (w: number): WindowVerdict => {
      const window = maintenance[w]!;
      return (judged[w] ??= {
        ref: window.id,
        kind: window.kind,
        span: interval(window.start, window.end),
        ...judgeWindow(window, timeZone, policy.latestEnd),
      });
    };
  };

  return {
    policyVersion: policy.version,
    period,
    latestEnd: policy.latestEnd.toString({ smallestUnit: 'minute' }),
    contracts: caseFile.contracts.map((contract) => {
      const verdictOf = verdictsIn(contract.timeZone);
      // sla-policy.md §3.1: only valid windows exclude, judged in the contract's zone.
      const validFact = (w: number) => (verdictOf(w).valid ? windowFacts[w] : undefined);
      const credits = [
        ...outageLines(contract, outages, validFact, policy),
        ...bugLines(contract, bugsByContract.get(contract.id) ?? [], policy, period),
      ].sort(compareLines);
      return {
        id: contract.id,
        creditAs: contract.creditAs,
        timeZone: contract.timeZone,
        credits,
        maintenance: touchingWindows(contract.components, windowsByComponent, windowInPeriod).map(verdictOf),
        totals: totals(credits),
      };
    }),
  };
}

/** Window indexes per component they list, in input order. */
function indexWindows(caseFile: CaseFile): Map<string, number[]> {
  const index = new Map<string, number[]>();
  caseFile.maintenance.forEach((window, w) => {
    for (const component of new Set(window.components)) {
      const list = index.get(component) ?? [];
      list.push(w);
      index.set(component, list);
    }
  });
  return index;
}

/** case-file.md: every window touching one of the contract's components, in input order; with a period, those inside it. */
function touchingWindows(components: readonly string[], index: Map<string, number[]>, inPeriod: readonly boolean[]): number[] {
  const found: number[] = [];
  for (const component of new Set(components)) for (const w of index.get(component) ?? []) if (inPeriod[w]) found.push(w);
  const sorted = Int32Array.from(found).sort();
  return Array.from(sorted).filter((w, i) => i === 0 || w !== sorted[i - 1]);
}
