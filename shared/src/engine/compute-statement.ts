import type { CaseFile } from '../case-file/schema.ts';
import { interval, type Interval } from '../time/intervals.ts';
import { bugLines } from './bug-lines.ts';
import type { ExclusionFact } from './exclusions.ts';
import { judgeWindow, type MaintenanceVerdict } from './maintenance-verdict.ts';
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

  // A window's verdict depends only on the time zone it is judged in: judge it once per zone.
  const verdicts = new Map<string, Array<MaintenanceVerdict | undefined>>();
  const verdictOf = (window: number, timeZone: string): MaintenanceVerdict => {
    let zone = verdicts.get(timeZone);
    if (zone === undefined) verdicts.set(timeZone, (zone = []));
    return (zone[window] ??= judgeWindow(maintenance[window]!, timeZone, policy.latestEnd));
  };
  const windowFacts: ExclusionFact[] = maintenance.map((w) => ({
    reason: 'maintenance',
    ref: w.id,
    intervals: w.start < w.end ? [interval(w.start, w.end)] : [],
  }));

  return {
    policyVersion: policy.version,
    period,
    latestEnd: policy.latestEnd.toString({ smallestUnit: 'minute' }),
    contracts: caseFile.contracts.map((contract) => {
      // sla-policy.md §3.1: only valid windows exclude, judged in the contract's zone.
      const validFact = (w: number) => (verdictOf(w, contract.timeZone).valid ? windowFacts[w] : undefined);
      const credits = [
        ...outageLines(contract, outages, validFact, policy),
        ...bugLines(contract, bugsByContract.get(contract.id) ?? [], policy, period),
      ].sort(compareLines);
      const windows = touchingWindows(contract.components, windowsByComponent, caseFile, period);
      return {
        id: contract.id,
        creditAs: contract.creditAs,
        timeZone: contract.timeZone,
        credits,
        maintenance: windows.map((w): WindowVerdict => ({
          ref: maintenance[w]!.id,
          kind: maintenance[w]!.kind,
          span: interval(maintenance[w]!.start, maintenance[w]!.end),
          ...verdictOf(w, contract.timeZone),
        })),
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
function touchingWindows(components: readonly string[], index: Map<string, number[]>, caseFile: CaseFile, period: Interval | undefined): number[] {
  const found = new Set<number>();
  for (const component of components) for (const w of index.get(component) ?? []) found.add(w);
  return [...found]
    .sort((a, b) => a - b)
    .filter((w) => clipToPeriod(interval(caseFile.maintenance[w]!.start, caseFile.maintenance[w]!.end), period) !== undefined);
}
