import { parseCaseFile, type CaseFileResult } from '@sla/shared';
import type { CaseMaintenance, CaseOutage } from '@sla/shared/case-file/schema.ts';
import type { BuiltCaseFile } from './case-builder.ts';

type RawOutage = BuiltCaseFile['outages'][number];
type RawWindow = BuiltCaseFile['maintenance'][number];

/**
 * parseCaseFile for the ledger's case files, remembering parsed outages and
 * maintenance windows between recomputes (issue #13): the ~61 contracts
 * behind one component read nearly every outage and window of the year, and
 * parsing them all again (zod, then checks.ts parsing each instant once more)
 * was a fifth of a write's time and a quarter of what it allocated.
 *
 * Exact: an outage or a window parses to what its own fields give
 * (case-file/schema.ts, docs/case-file.md), and only a deeply frozen entry —
 * which nobody can change, as entry-memo.ts hands them out — is remembered,
 * under the entry object itself; an entry that is not frozen is parsed every
 * time. What is not remembered goes through parseCaseFile with the rest of
 * the file (contracts, force majeure, bugs, every component), which checks it
 * as ever. The rules that span entries are checked here for the remembered
 * ones — ids unique, components known — and when one fails, or the file is
 * not valid, the whole file is parsed as it stands, so the problems are
 * parseCaseFile's own. Bounded by the entries: a memory dies with its entry.
 */
export function factMemo(): (raw: BuiltCaseFile) => CaseFileResult {
  const outages = new WeakMap<RawOutage, CaseOutage>();
  const windows = new WeakMap<RawWindow, CaseMaintenance>();
  return (raw) => {
    const knownOutages = raw.outages.map((o) => (Object.isFrozen(o) ? outages.get(o) : undefined));
    const knownWindows = raw.maintenance.map((w) => (frozenWindow(w) ? windows.get(w) : undefined));
    const parsed = parseCaseFile({ ...raw, outages: raw.outages.filter((_, i) => knownOutages[i] === undefined), maintenance: raw.maintenance.filter((_, i) => knownWindows[i] === undefined) });
    if (!parsed.ok || !spanningRulesHold(raw)) return parseCaseFile(raw);
    return {
      ok: true,
      caseFile: {
        ...parsed.caseFile,
        // Shared by every recompute that meets the entry: frozen, so no reader can change another's (verdict-memo.ts keys on windows too).
        outages: merge(knownOutages, parsed.caseFile.outages, (o, i) => {
          const entry = raw.outages[i]!;
          if (Object.isFrozen(entry)) outages.set(entry, Object.freeze(o));
          return Object.freeze(o);
        }),
        maintenance: merge(knownWindows, parsed.caseFile.maintenance, (w, i) => {
          Object.freeze(w.components);
          Object.freeze(w.notices);
          Object.freeze(w.delivered);
          const entry = raw.maintenance[i]!;
          if (frozenWindow(entry)) windows.set(entry, Object.freeze(w));
          return Object.freeze(w);
        }),
      },
    };
  };
}

const frozenWindow = (w: RawWindow) =>
  Object.isFrozen(w) && Object.isFrozen(w.components) && Object.isFrozen(w.notices) && (w.recurrence === undefined || (Object.isFrozen(w.recurrence) && Object.isFrozen(w.recurrence.exdates)));

/** The remembered entries where known, the freshly parsed ones, in order, in the gaps; each fresh one handed to `remember`. */
function merge<T>(known: ReadonlyArray<T | undefined>, fresh: readonly T[], remember: (entry: T, i: number) => T): T[] {
  let next = 0;
  return known.map((entry, i) => entry ?? remember(fresh[next++]!, i));
}

/** checks.ts's rules across entries, for outages and windows: unique ids, known components. */
function spanningRulesHold(raw: BuiltCaseFile): boolean {
  const components = new Set(raw.components.map((c) => c.id));
  const unique = (ids: string[]) => new Set(ids).size === ids.length;
  return (
    unique(raw.outages.map((o) => o.id)) &&
    unique(raw.maintenance.map((w) => w.id)) &&
    raw.outages.every((o) => components.has(o.component)) &&
    raw.maintenance.every((w) => w.components.every((c) => components.has(c)))
  );
}
