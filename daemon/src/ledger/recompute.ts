import { computeStatement, lineJson, parseCaseFile, type CaseFile, type CaseFileResult, type Policy, type StatementOptions } from '@sla/shared';
import type { ContractStatement } from '@sla/shared/engine/statement.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { draftApologies } from '../apologies/drafts.ts';
import { buildCaseFileOf, type BuiltCaseFile } from './case-builder.ts';
import type { EntryMaker } from './entry-memo.ts';
import { judgementOf, type ContractJudgement, type JudgementScope } from './judgements.ts';
import { applyActions, standingEntriesOf } from './ledger.repository.ts';
import { reconcile, type OwedLine } from './reconcile.ts';
import { ref } from './refs.ts';

/** The stored facts did not make a valid case file: our own bug, never the customer's loss. */
export class CaseFileError extends Error {
  constructor(contractId: string, problems: string[]) {
    super(`contract ${contractId}: stored facts are not a valid case file:\n${problems.join('\n')}`);
    this.name = 'CaseFileError';
  }
}

/** Contracts recomputed in one transaction at most: bounds the row locks held and the facts read at once. */
export const RECOMPUTE_BATCH = 1000;

/**
 * Hands on what the engine judged of a contract: undefined for one that no
 * longer exists; with a scope, the judgement covers that scope alone and
 * replaces only that part of the last one (judgements.ts mergeJudgement).
 */
export type Judged = (contractId: string, judgement: ContractJudgement | undefined, scope?: JudgementScope) => void;

export interface RecomputeOptions {
  batchSize?: number;
  engine?: StatementOptions;
  parse?: (raw: BuiltCaseFile) => CaseFileResult;
  entries?: EntryMaker;
}

/**
 * Runs the engine over the stored facts of these contracts and brings their
 * ledgers in line (issue #4): new lines are proposed, undecided proposals
 * replaced, decided ones reversed — never edited. Up to RECOMPUTE_BATCH
 * contracts at a time in one transaction holding their row locks (taken in id
 * order, so two recomputations queue up and never deadlock), with one case
 * file for them all (case-builder.ts buildCaseFileOf) and one run of the
 * engine (issue #13: a write touching every component re-ran it a thousand
 * times). Hands `judged` what the engine excused and judged per contract
 * (judgements.ts), undefined for one that no longer exists, as each is settled. When the facts
 * make no valid case file, the batch is redone contract by contract, which
 * settles those before the culprit and throws CaseFileError naming it.
 * `o.engine` goes to the engine, `o.entries` makes the batches' outage and
 * window entries and `o.parse` parses their case files (service.ts hands them
 * verdictMemo, entryMemo and factMemo, which answer as the engine's own, the
 * builder's and parseCaseFile do; the contract-by-contract redo parses fresh
 * entries with parseCaseFile).
 */
export async function recomputeContracts(
  db: Kysely<Database>,
  contractIds: readonly string[],
  policy: Policy,
  actor: string,
  now: Date,
  judged: Judged,
  o: RecomputeOptions = {},
): Promise<void> {
  const { batchSize = RECOMPUTE_BATCH, engine = {}, parse = parseCaseFile, entries } = o;
  for (const batch of batches(contractIds, batchSize)) {
    const done = await inLockedBatch(db, batch, async (tx, locked) => {
      const parsed = parse(await buildCaseFileOf(tx, locked, policy, { creditLinesOnly: true, entries, ...upToNow(now) }));
      if (!parsed.ok) return undefined;
      return settle(tx, parsed.caseFile, actor, now, engine);
    });
    if (done === undefined) for (const id of batch) judged(id, await recomputeContract(db, id, policy, actor, now, engine));
    else for (const id of batch) judged(id, done.get(id));
  }
}

/**
 * recomputeContracts after a write that changed facts on these components
 * alone — a window or its notice, an outage's class, a confirmed suspect
 * period (issue #13: re-running the ~61 contracts covering one component read
 * and judged nearly every outage and window of their year, and missed the
 * p95 < 100 ms target). Only the outage lines on these components can change:
 * a line depends on its outage, the contract, the policy and the force
 * majeure and windows on its component alone (docs/contract.md §3), and no
 * cap ties lines together (totals are sums). So the case file holds only the
 * facts on them (case-builder.ts `onlyOn`), and only the ledger entries of
 * those components' outages are reconciled — exact as long as the rest of
 * the ledger was in line before the write. A contract for which `whole` says
 * so (never judged since start, or a recompute of it failed: service.ts) is
 * recomputed whole instead, and so is a batch whose facts make no valid case
 * file, which names the culprit. Outages are never deleted, so every entry of
 * an outage line names an outage still on its component.
 */
export async function recomputeOnComponents(
  db: Kysely<Database>,
  componentIds: readonly string[],
  policy: Policy,
  actor: string,
  now: Date,
  judged: Judged,
  o: RecomputeOptions & { whole?: (contractId: string) => boolean } = {},
): Promise<void> {
  const { batchSize = RECOMPUTE_BATCH, engine = {}, parse = parseCaseFile, entries, whole = () => false } = o;
  const covering = await contractsCovering(db, [...componentIds]);
  await recomputeContracts(db, covering.filter(whole), policy, actor, now, judged, o);
  for (const batch of batches(covering.filter((id) => !whole(id)), batchSize)) {
    const done = await inLockedBatch(db, batch, async (tx, locked) => {
      const parsed = parse(await buildCaseFileOf(tx, locked, policy, { creditLinesOnly: true, entries, onlyOn: componentIds, ...upToNow(now) }));
      if (!parsed.ok) return undefined;
      const outages = await tx.selectFrom('outages').select('id').where('component_id', 'in', componentIds).execute();
      const windows = await tx.selectFrom('maintenance_components').select('window_id').distinct().where('component_id', 'in', componentIds).execute();
      const scope: JudgementScope = { components: new Set(componentIds), windows: new Set(windows.map((w) => ref.maintenance(w.window_id))) };
      return { scope, judgements: await settle(tx, parsed.caseFile, actor, now, engine, outages.map((r) => ref.outage(r.id))) };
    });
    if (done === undefined) await recomputeContracts(db, batch, policy, actor, now, judged, o);
    else for (const id of batch) judged(id, done.judgements.get(id), done.judgements.has(id) ? done.scope : undefined);
  }
}

/** Issue #16: recurring windows expanded up to the recompute's instant, and no tickets (they earn no money). */
const upToNow = (now: Date) => ({ asOf: now, tickets: false });

/** Distinct contract ids in id order, cut into batches of at most `size`. */
function batches(contractIds: readonly string[], size: number): string[][] {
  const ids = [...new Set(contractIds)].sort();
  return Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => ids.slice(i * size, (i + 1) * size));
}

/** `work` in one transaction holding the batch's contract rows, locked in id order (so two recomputations queue, never deadlock); those that still exist. */
function inLockedBatch<T>(db: Kysely<Database>, batch: readonly string[], work: (tx: Kysely<Database>, locked: string[]) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => work(tx, (await tx.selectFrom('contracts').select('id').where('id', 'in', batch).orderBy('id').forUpdate().execute()).map((r) => r.id)));
}

/** recomputeContracts for one contract, from its own case file as GET /api/v1/contracts/:id/case exports it. */
export async function recomputeContract(
  db: Kysely<Database>,
  contractId: string,
  policy: Policy,
  actor: string,
  now: Date,
  engine: StatementOptions = {},
): Promise<ContractJudgement | undefined> {
  return db.transaction().execute(async (tx) => {
    const locked = await tx.selectFrom('contracts').select('id').where('id', '=', contractId).forUpdate().executeTakeFirst();
    if (locked === undefined) return undefined;
    const parsed = parseCaseFile(await buildCaseFileOf(tx, [contractId], policy, upToNow(now)));
    if (!parsed.ok) throw new CaseFileError(contractId, parsed.problems);
    return (await settle(tx, parsed.caseFile, actor, now, engine)).get(contractId);
  });
}

/**
 * The engine over a parsed case file, and each of its contracts' ledger
 * reconciled to the statement, inside the caller's transaction; with
 * `outageRefs`, only the entries of those outages' lines (recomputeOnComponents).
 */
async function settle(tx: Kysely<Database>, caseFile: CaseFile, actor: string, now: Date, engine: StatementOptions, outageRefs?: readonly string[]): Promise<Map<string, ContractJudgement>> {
  const statement = computeStatement(caseFile, engine);
  const standing = await standingEntriesOf(tx, statement.contracts.map((c) => c.id), outageRefs);
  const work = statement.contracts.map((contract) => ({ contractId: contract.id, actions: reconcile(owedLines(contract), standing.get(contract.id) ?? []) }));
  await applyActions(tx, work, statement.policyVersion, actor, now);
  // SLA §C.5 (issue #15): a very critical outage's proposed line brings the apology its contract is owed.
  const proposed = work.flatMap(({ contractId, actions }) => actions.flatMap((a) => (a.type === 'propose' && a.line.source === 'outage' ? [{ contractId, ref: a.line.ref, licenseSeconds: a.line.licenseSeconds }] : [])));
  await draftApologies(tx, proposed, now);
  const components = new Map(caseFile.outages.map((o) => [o.id, o.component]));
  return new Map(statement.contracts.map((contract) => [contract.id, judgementOf(contract, (ref) => components.get(ref))]));
}

function owedLines(contract: ContractStatement): OwedLine[] {
  return contract.credits.map((l) => ({
    source: l.source,
    ref: l.ref,
    occurrence: l.source === 'repeat_bug' ? l.occurrence : null,
    // docs/contract.md §1.3: a breach is money, deducted from the renewal (the rest carried, renewals.ts) whatever the contract's creditAs.
    creditAs: l.source === 'breach' ? 'renewal' : contract.creditAs,
    licenseSeconds: l.licenseSeconds,
    amountVnd: l.amountVnd,
    // Read only for a line that is proposed — a few a write, of the ~1,000 a recompute owes (issue #13): made then, from the same line.
    get line() {
      return lineJson(l);
    },
  }));
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
