import { computeStatement, lineJson, parseCaseFile, type Policy } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { buildCaseFile } from './case-builder.ts';
import { judgementOf, type ContractJudgement } from './judgements.ts';
import { applyActions, entriesOf, toStanding } from './ledger.repository.ts';
import { reconcile, type OwedLine } from './reconcile.ts';

/** The stored facts did not make a valid case file: our own bug, never the customer's loss. */
export class CaseFileError extends Error {
  constructor(contractId: string, problems: string[]) {
    super(`contract ${contractId}: stored facts are not a valid case file:\n${problems.join('\n')}`);
    this.name = 'CaseFileError';
  }
}

/**
 * Runs the engine over one contract's stored facts and brings its ledger in
 * line (issue #4): new lines are proposed, undecided proposals replaced,
 * decided ones reversed — never edited. Runs in one transaction holding the
 * contract's row lock, so two recomputations of a contract queue up. Returns
 * what the engine excused and judged (judgements.ts); undefined when the
 * contract no longer exists.
 */
export async function recomputeContract(db: Kysely<Database>, contractId: string, policy: Policy, actor: string, now: Date): Promise<ContractJudgement | undefined> {
  return db.transaction().execute(async (tx) => {
    const locked = await tx.selectFrom('contracts').select('id').where('id', '=', contractId).forUpdate().executeTakeFirst();
    if (locked === undefined) return undefined;
    const built = await buildCaseFile(tx, contractId, policy);
    const parsed = parseCaseFile(built);
    if (!parsed.ok) throw new CaseFileError(contractId, parsed.problems);
    const statement = computeStatement(parsed.caseFile);
    const contract = statement.contracts[0]!;
    const owed: OwedLine[] = contract.credits.map((l) => ({
      source: l.source,
      ref: l.ref,
      occurrence: l.source === 'repeat_bug' ? l.occurrence : null,
      creditAs: contract.creditAs,
      licenseSeconds: l.licenseSeconds,
      amountVnd: l.amountVnd,
      line: lineJson(l),
    }));
    const actions = reconcile(owed, (await entriesOf(tx, contractId)).map(toStanding));
    await applyActions(tx, contractId, statement.policyVersion, actions, actor, now);
    const components = new Map(parsed.caseFile.outages.map((o) => [o.id, o.component]));
    return judgementOf(contract, (ref) => components.get(ref));
  });
}

/** Contracts whose money can change when something happens to these components. */
export async function contractsCovering(db: Kysely<Database>, componentIds: string[]): Promise<string[]> {
  if (componentIds.length === 0) return [];
  const rows = await db.selectFrom('contract_components').select('contract_id').distinct().where('component_id', 'in', componentIds).execute();
  return rows.map((r) => r.contract_id);
}

export async function allContractIds(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('contracts').select('id').orderBy('id').execute()).map((r) => r.id);
}

