import type { PathProblem } from '../config/references.ts';
import { instantSeconds } from './fields.ts';
import { recurrenceProblems } from './recurrence-checks.ts';

// The case file's cross-field rules, checked on the raw document beside the
// schema (not after it), so that a wrong enum and an unknown component in the
// same file are reported together (docs/case-file.md: one line per problem).

type Raw = Record<string, unknown>;
const record = (value: unknown): Raw => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** An instant's seconds, or undefined when it is malformed (the schema reports that). */
const seconds = (value: unknown): number | undefined => {
  const parsed = instantSeconds.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

const ID_LISTS = ['components', 'contracts', 'outages', 'maintenance', 'forceMajeure', 'bugs', 'breaches', 'tickets'] as const;

export function checkCaseFile(raw: unknown): PathProblem[] {
  const doc = record(raw);
  const problems: PathProblem[] = [];
  const report = (path: Array<string | number>, message: string) => problems.push({ path, message });
  const ids = Object.fromEntries(ID_LISTS.map((key) => [key, uniqueIds(doc[key], key, report)])) as Record<
    (typeof ID_LISTS)[number],
    Set<string>
  >;
  const knownComponent = (path: Array<string | number>, ref: unknown) => {
    if (typeof ref === 'string' && !ids.components.has(ref)) report(path, `unknown component "${ref}"`);
  };
  const ordered = (item: Raw, path: Array<string | number>, from: string, to: string) => {
    const a = seconds(item[from]);
    const b = seconds(item[to]);
    if (a !== undefined && b !== undefined && b < a) report([...path, to], `before ${from}`);
  };

  if (doc.period !== undefined) ordered(record(doc.period), ['period'], 'from', 'to');
  list(doc.contracts).forEach((item, i) => {
    const contract = record(item);
    list(contract.components).forEach((ref, j) => { knownComponent(['contracts', i, 'components', j], ref); });
    // docs/case-file.md: states are ordered; each must start after the one before.
    let previous: number | undefined;
    list(contract.states).forEach((state, j) => {
      const from = seconds(record(state).from);
      if (from === undefined) return;
      if (previous !== undefined && from <= previous) report(['contracts', i, 'states', j, 'from'], 'states out of order');
      previous = from;
    });
  });
  list(doc.outages).forEach((item, i) => {
    const outage = record(item);
    knownComponent(['outages', i, 'component'], outage.component);
    ordered(outage, ['outages', i], 'start', 'end');
  });
  for (const key of ['maintenance', 'forceMajeure'] as const) {
    list(doc[key]).forEach((item, i) => {
      const fact = record(item);
      list(fact.components).forEach((ref, j) => { knownComponent([key, i, 'components', j], ref); });
      if (fact.recurrence === undefined) ordered(fact, [key, i], 'start', 'end');
    });
  }
  list(doc.maintenance).forEach((item, i) => {
    for (const problem of recurrenceProblems(record(item), doc.period === undefined ? undefined : record(doc.period), doc.asOf)) report(['maintenance', i, ...problem.path], problem.message);
  });
  list(doc.bugs).forEach((item, i) => {
    const bug = record(item);
    const ref = text(bug.contract);
    if (ref !== undefined && !ids.contracts.has(ref)) report(['bugs', i, 'contract'], `unknown contract "${ref}"`);
    list(bug.occurrences).forEach((occurrence, j) => { ordered(record(occurrence), ['bugs', i, 'occurrences', j], 'reportedAt', 'fixedAt'); });
  });
  checkTickets(doc, ids.contracts, report, ordered);
  checkBreaches(doc, report);
  return problems;
}

/** The ids of one list; a repeated id is reported where it repeats. */
function uniqueIds(items: unknown, key: string, report: (path: Array<string | number>, message: string) => void): Set<string> {
  const seen = new Set<string>();
  list(items).forEach((item, i) => {
    const id = text(record(item).id);
    if (id === undefined) return;
    if (seen.has(id)) report([key, i, 'id'], `duplicate id "${id}"`);
    seen.add(id);
  });
  return seen;
}

/** docs/case-file.md: a ticket names a known contract, its instants follow one another, and its clocks have an instant to be read at. */
function checkTickets(
  doc: Raw,
  contracts: Set<string>,
  report: (path: Array<string | number>, message: string) => void,
  ordered: (item: Raw, path: Array<string | number>, from: string, to: string) => void,
) {
  const tickets = list(doc.tickets);
  if (tickets.length > 0 && doc.asOf === undefined && doc.period === undefined) report(['asOf'], 'required with tickets, unless a period is given');
  tickets.forEach((item, i) => {
    const ticket = record(item);
    const ref = text(ticket.contract);
    if (ref !== undefined && !contracts.has(ref)) report(['tickets', i, 'contract'], `unknown contract "${ref}"`);
    for (const after of ['confirmedAt', 'firstResponseAt']) ordered(ticket, ['tickets', i], 'receivedAt', after);
    for (const after of ['acknowledgedAt', 'resolvedAt']) ordered(ticket, ['tickets', i], ticket.confirmedAt === undefined ? 'receivedAt' : 'confirmedAt', after);
  });
}

/**
 * docs/case-file.md: a breach names a known contract, and that contract has a
 * signing instant (its `signedAt`, else its first state's `from`) on or before
 * the breach: the value is counted from it (docs/contract.md §1.3).
 */
function checkBreaches(doc: Raw, report: (path: Array<string | number>, message: string) => void) {
  const contracts = new Map<string, { i: number; signedAt: number | undefined; given: boolean }>();
  list(doc.contracts).forEach((item, i) => {
    const contract = record(item);
    const id = text(contract.id);
    if (id === undefined || contracts.has(id)) return;
    const given = contract.signedAt !== undefined;
    contracts.set(id, { i, given, signedAt: given ? seconds(contract.signedAt) : seconds(record(list(contract.states)[0]).from) });
  });
  const unsigned = new Set<number>();
  list(doc.breaches).forEach((item, i) => {
    const breach = record(item);
    const ref = text(breach.contract);
    if (ref === undefined) return;
    const contract = contracts.get(ref);
    if (contract === undefined) {
      report(['breaches', i, 'contract'], `unknown contract "${ref}"`);
      return;
    }
    const at = seconds(breach.at);
    if (contract.signedAt === undefined) {
      if (!contract.given && !unsigned.has(contract.i)) report(['contracts', contract.i, 'signedAt'], 'required with a breach, unless the contract has states');
      unsigned.add(contract.i);
    } else if (at !== undefined && at < contract.signedAt) report(['breaches', i, 'at'], `before contract "${ref}" was signed`);
  });
}
