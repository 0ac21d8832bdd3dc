import { parseCaseFile, type CaseFileResult } from '@sla/shared';
import type { CaseMaintenance, CaseOutage } from '@sla/shared/case-file/schema.ts';
import type { BuiltCaseFile } from './case-builder.ts';
import { generations } from './generations.ts';

/** Parsed outages, and windows, each memory holds per generation: above what a recompute of every contract reads. */
export const FACT_GENERATION = 16_384;

/**
 * parseCaseFile for the ledger's case files, remembering parsed outages and
 * maintenance windows between recomputes (issue #13): the ~61 contracts
 * behind one component read nearly every outage and window of the year, and
 * parsing them all again (zod, then checks.ts parsing each instant once more)
 * was a fifth of a write's time and a quarter of what it allocated.
 *
 * Exact: an outage or a window parses to what its own fields give
 * (case-file/schema.ts, docs/case-file.md), so each is remembered under the
 * text of all its fields — a changed field is another key. What is not
 * remembered goes through parseCaseFile with the rest of the file (contracts,
 * force majeure, bugs, every component), which checks it as ever. The rules
 * that span entries are checked here for the remembered ones — ids unique,
 * components known — and when one fails, or the file is not valid, the whole
 * file is parsed as it stands, so the problems are parseCaseFile's own.
 */
export function factMemo(generation = FACT_GENERATION): (raw: BuiltCaseFile) => CaseFileResult {
  const outages = generations<CaseOutage>(generation);
  const windows = generations<CaseMaintenance>(generation);
  return (raw) => {
    const outageKeys = raw.outages.map((o) => JSON.stringify(o));
    const windowKeys = raw.maintenance.map((w) => JSON.stringify(w));
    const knownOutages = outageKeys.map((key) => outages.get(key));
    const knownWindows = windowKeys.map((key) => windows.get(key));
    const parsed = parseCaseFile({ ...raw, outages: raw.outages.filter((_, i) => knownOutages[i] === undefined), maintenance: raw.maintenance.filter((_, i) => knownWindows[i] === undefined) });
    if (!parsed.ok || !spanningRulesHold(raw)) return parseCaseFile(raw);
    return {
      ok: true,
      caseFile: {
        ...parsed.caseFile,
        outages: merge(knownOutages, parsed.caseFile.outages, (o, i) => outages.remember(outageKeys[i]!, Object.freeze(o))),
        maintenance: merge(knownWindows, parsed.caseFile.maintenance, (w, i) => {
          Object.freeze(w.components);
          Object.freeze(w.notices);
          return windows.remember(windowKeys[i]!, Object.freeze(w));
        }),
      },
    };
  };
}

/** The remembered entries where known, the freshly parsed ones, in order, in the gaps; each fresh one remembered. */
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
