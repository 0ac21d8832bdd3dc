import type { CaseFile } from '../case-file/schema.ts';
import { interval, type Interval } from '../time/intervals.ts';
import { breachLines } from './breach-lines.ts';
import { bugLines } from './bug-lines.ts';
import type { ExclusionFact } from './exclusions.ts';
import { windowJudge } from './maintenance-verdict.ts';
import { outageLines, prepareOutages } from './outage-lines.ts';
import { expandWindows } from './recurrence.ts';
import { clipToPeriod } from './period.ts';
import { ticketReport } from './ticket-report.ts';
import { renewalLines } from './renewal-ledger.ts';
import { workingCalendar, type WorkingCalendar } from '../time/working-hours.ts';
import { compareLines, totals, type CreditLine, type RenewalLine, type Statement, type WindowVerdict } from './statement.ts';

export interface StatementOptions {
  /**
   * Makes the judge of a zone's windows: windowJudge unless given. A caller
   * judging the same windows again and again (the daemon, issue #13) may hand
   * one that remembers verdicts, provided it answers what windowJudge would.
   */
  windowJudge?: typeof windowJudge;
}

/**
 * The credit engine (docs/case-file.md): a parsed case file in, a statement out.
 * Pure — no clock, no I/O — so anyone can recompute a credit from the facts.
 */
export function computeStatement(input: CaseFile, options: StatementOptions = {}): Statement {
  const judgeIn = options.windowJudge ?? windowJudge;
  const period = input.period === undefined ? undefined : interval(input.period.from, input.period.to);
  // docs/contract.md §3.1: a recurring window is its occurrences, each judged as a window of its own.
  // Without a period, up to asOf (docs/case-file.md): checks.ts requires one of them, or rules that end.
  const caseFile = expandRecurring(input, period ?? (input.asOf === undefined ? undefined : interval(-Infinity, input.asOf)));
  const { policy, maintenance } = caseFile;
  const windowsByComponent = indexWindows(caseFile);
  const outages = prepareOutages(caseFile, period, windowsByComponent);
  const bugsByContract = Map.groupBy(caseFile.bugs, (bug) => bug.contract);
  const breachesByContract = Map.groupBy(caseFile.breaches, (breach) => breach.contract);
  const ticketsByContract = caseFile.tickets === undefined ? undefined : Map.groupBy(caseFile.tickets, (ticket) => ticket.contract);
  // docs/case-file.md: ticket clocks are read at asOf, else the period's end (checks.ts requires one of them).
  const asOf = caseFile.asOf ?? period?.end ?? 0;
  // One working calendar per time zone, shared by its contracts (each caches the days it has looked at).
  const calendars = new Map<string, WorkingCalendar>();
  const calendarOf = (zone: string) => calendars.get(zone) ?? calendars.set(zone, workingCalendar(zone, policy)).get(zone)!;
  const windowFacts: ExclusionFact[] = maintenance.map((w) => ({
    reason: 'maintenance',
    ref: w.id,
    intervals: w.start < w.end ? [interval(w.start, w.end)] : [],
  }));
  const windowInPeriod = maintenance.map((w) => clipToPeriod(interval(w.start, w.end), period) !== undefined);
  const seen = new Uint8Array(maintenance.length);

  // A window's verdict depends only on the zone it is judged in (docs/contract.md §6):
  // judge it once per zone, and let the contracts of that zone share it.
  const zones = new Map<string, (w: number) => WindowVerdict>();
  const verdictsIn = (timeZone: string) => {
    let verdictOf = zones.get(timeZone);
    if (verdictOf === undefined) {
      const judge = judgeIn(timeZone, policy.latestEnd, { declaredNoticesCount: policy.declaredNoticesCount });
      // Dense from the start: filling a sparse array at random indexes would make it a slow dictionary.
      const judged = new Array<WindowVerdict | undefined>(maintenance.length).fill(undefined);
      verdictOf = (w) => {
        const known = judged[w];
        if (known !== undefined) return known;
        const window = maintenance[w]!;
        const verdict = { ref: window.id, kind: window.kind, span: interval(window.start, window.end), ...judge(window), declaredNotices: declaredNotices(window) };
        judged[w] = verdict;
        return verdict;
      };
      zones.set(timeZone, verdictOf);
    }
    return verdictOf;
  };

  return {
    policyVersion: policy.version,
    period,
    latestEnd: policy.latestEnd.toString({ smallestUnit: 'minute' }),
    contracts: caseFile.contracts.map((contract) => {
      const verdictOf = verdictsIn(contract.timeZone);
      // docs/contract.md §3.1: only valid windows exclude, judged in the contract's zone.
      const validFact = (w: number) => (verdictOf(w).valid ? windowFacts[w] : undefined);
      const credits: CreditLine[] = outageLines(contract, outages, validFact, policy);
      credits.push(...bugLines(contract, bugsByContract.get(contract.id) ?? [], policy, period));
      credits.push(...breachLines(contract, breachesByContract.get(contract.id) ?? [], policy, period));
      credits.sort(compareLines);
      return {
        id: contract.id,
        creditAs: contract.creditAs,
        timeZone: contract.timeZone,
        credits,
        maintenance: Array.from(touchingWindows(contract.components, windowsByComponent, windowInPeriod, seen), verdictOf),
        ...(ticketsByContract === undefined ? {} : { tickets: ticketReport(contract, ticketsByContract.get(contract.id) ?? [], policy, period, asOf, calendarOf(contract.timeZone)) }),
        ...renewalsOf(contract, credits, policy),
        totals: totals(credits),
      };
    }),
  };
}

function expandRecurring(caseFile: CaseFile, bounds: Interval | undefined): CaseFile {
  const maintenance = expandWindows(caseFile.maintenance, bounds);
  return maintenance === caseFile.maintenance ? caseFile : { ...caseFile, maintenance: [...maintenance] };
}

/** Issue #15: the instants of a window's notices that no delivery record backs, in input order (the statement marks them). */
function declaredNotices(window: CaseFile['maintenance'][number]): number[] {
  const delivered = [...window.delivered];
  return window.notices.filter((sent) => {
    const i = delivered.indexOf(sent);
    if (i === -1) return true;
    delivered.splice(i, 1);
    return false;
  });
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

/**
 * docs/case-file.md: every window touching one of the contract's components, in
 * input order; with a period, those inside it. `seen` is scratch space, one
 * flag per window, left cleared.
 */
function touchingWindows(components: readonly string[], index: Map<string, number[]>, inPeriod: readonly boolean[], seen: Uint8Array): Int32Array {
  const found: number[] = [];
  for (const component of components) {
    for (const w of index.get(component) ?? []) {
      if (seen[w] === 1 || !inPeriod[w]) continue;
      seen[w] = 1;
      found.push(w);
    }
  }
  for (const w of found) seen[w] = 0;
  return Int32Array.from(found).sort();
}

function renewalsOf(...args: Parameters<typeof renewalLines>): { renewals?: RenewalLine[] } {
  const renewals = renewalLines(...args);
  return renewals === undefined ? {} : { renewals };
}
