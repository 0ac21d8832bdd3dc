import { computeStatement, parseCaseFile, type Policy, type Violation } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { buildWindowCaseFile, ref } from './case-builder.ts';

export interface ContractVerdict {
  contract: string;
  valid: boolean;
  violations: readonly Violation[];
}

/**
 * A maintenance window's verdict for each contract it touches, by contract id
 * (SLA §C.1: validity is judged in each contract's own time zone,
 * docs/case-file.md). The engine judges it on a case file of the window and those
 * contracts alone — the verdict each contract's full case file gives, without
 * reading a year of facts per contract (issue #13; window-verdicts.test.ts).
 */
export async function windowVerdicts(db: Kysely<Database>, windowId: number, policy: Policy): Promise<ContractVerdict[]> {
  const parsed = parseCaseFile(await buildWindowCaseFile(db, windowId, policy));
  if (!parsed.ok) throw new Error(`maintenance window ${windowId}: stored facts are not a valid case file:\n${parsed.problems.join('\n')}`);
  const wanted = ref.maintenance(windowId);
  return computeStatement(parsed.caseFile).contracts.flatMap((c) => {
    const verdict = c.maintenance.find((v) => v.ref === wanted);
    return verdict === undefined ? [] : [{ contract: c.id, valid: verdict.valid, violations: verdict.violations }];
  });
}
