import { computeStatement, parseCaseFile, type Policy, type Violation } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { buildWindowCaseFile, ref, type Period } from './case-builder.ts';

export interface ContractVerdict {
  contract: string;
  /** Issue #16: the occurrence judged (`M-5@2025-03-04`), for a recurring window. */
  occurrence?: string;
  valid: boolean;
  violations: readonly Violation[];
}

/**
 * A maintenance window's verdict for each contract it touches, by contract id
 * (a recurring one's, per occurrence in `period`)
 * (SLA §C.1: validity is judged in each contract's own time zone,
 * docs/case-file.md). The engine judges it on a case file of the window and those
 * contracts alone — the verdict each contract's full case file gives, without
 * reading a year of facts per contract (issue #13; window-verdicts.test.ts).
 */
export async function windowVerdicts(db: Kysely<Database>, windowId: number, policy: Policy, period?: Period): Promise<ContractVerdict[]> {
  const parsed = parseCaseFile(await buildWindowCaseFile(db, windowId, policy, period));
  if (!parsed.ok) throw new Error(`maintenance window ${windowId}: stored facts are not a valid case file:\n${parsed.problems.join('\n')}`);
  const wanted = ref.maintenance(windowId);
  // A recurring window's occurrences are its verdicts, each under its own ref (docs/case-file.md), in time order.
  return computeStatement(parsed.caseFile).contracts.flatMap((c) =>
    c.maintenance.flatMap((v) => {
      if (v.ref === wanted) return [{ contract: c.id, valid: v.valid, violations: v.violations }];
      return v.ref.startsWith(`${wanted}@`) ? [{ contract: c.id, occurrence: v.ref, valid: v.valid, violations: v.violations }] : [];
    }),
  );
}
