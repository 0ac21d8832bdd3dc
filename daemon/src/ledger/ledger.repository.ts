import type { Kysely, Selectable } from 'kysely';
import { recordAudit, recordAudits, type AuditRecord } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { EntryState, LedgerEntryTable } from './ledger.table.ts';
import type { LedgerAction, StandingEntry } from './reconcile.ts';

export type LedgerEntry = Selectable<LedgerEntryTable>;

const STANDING_COLUMNS = ['id', 'contract_id', 'kind', 'source', 'ref', 'occurrence', 'credit_as', 'license_seconds', 'amount_vnd', 'state', 'reverses_id'] as const;

/**
 * Each contract's entries as reconciliation reads them, in id order, in one
 * query. Superseded entries are left out: reconcile() passes over them, and
 * none is a reversal (reversals are entered approved; only proposals are
 * superseded), so they would only cost reading (issue #13). With
 * `outageRefs`, only the entries of those outages' lines.
 */
export async function standingEntriesOf(db: Kysely<Database>, contractIds: readonly string[], outageRefs?: readonly string[]): Promise<Map<string, StandingEntry[]>> {
  if (contractIds.length === 0 || outageRefs?.length === 0) return new Map();
  let query = db.selectFrom('ledger_entries').select(STANDING_COLUMNS).where('contract_id', 'in', contractIds).where('state', '<>', 'superseded');
  if (outageRefs !== undefined) query = query.where('source', '=', 'outage').where('ref', 'in', outageRefs);
  const rows = await query.orderBy('id').execute();
  const standing = rows.map((e) => ({
    contractId: e.contract_id,
    entry: {
      id: e.id,
      kind: e.kind,
      source: e.source,
      ref: e.ref,
      occurrence: e.occurrence,
      creditAs: e.credit_as,
      licenseSeconds: BigInt(e.license_seconds),
      amountVnd: BigInt(e.amount_vnd),
      state: e.state,
      reversesId: e.reverses_id,
    } satisfies StandingEntry,
  }));
  return new Map([...Map.groupBy(standing, (s) => s.contractId)].map(([id, list]) => [id, list.map((s) => s.entry)]));
}

export interface ListQuery {
  contractId?: string;
  state?: EntryState;
  limit?: number;
}

export async function listEntries(db: Kysely<Database>, q: ListQuery): Promise<LedgerEntry[]> {
  let query = db.selectFrom('ledger_entries').selectAll();
  if (q.contractId !== undefined) query = query.where('contract_id', '=', q.contractId);
  if (q.state !== undefined) query = query.where('state', '=', q.state);
  return query.orderBy('id', 'desc').limit(q.limit ?? 500).execute();
}

export interface ContractActions {
  contractId: string;
  actions: readonly LedgerAction[];
}

/**
 * Carries out reconciliation's actions, each audited, inside the caller's
 * transaction: the same rows, ids and audit records in the same order as
 * one action after the other, in a few statements for all contracts (issue
 * #13: a fact on one component can change the lines of a hundred contracts).
 */
export async function applyActions(tx: Kysely<Database>, work: readonly ContractActions[], policyVersion: string, actor: string, now: Date): Promise<void> {
  const superseded = work.flatMap((w) => w.actions.flatMap((a) => (a.type === 'supersede' ? [a.entryId] : [])));
  for (let i = 0; i < superseded.length; i += 1000)
    await tx.updateTable('ledger_entries').set({ state: 'superseded' }).where('id', 'in', superseded.slice(i, i + 1000)).where('state', '=', 'proposed').execute();

  const rows = work.flatMap(({ contractId, actions }) => actions.flatMap((a) => (a.type === 'supersede' ? [] : [entryRow(contractId, a, policyVersion, actor, now)])));
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const inserted = await tx.insertInto('ledger_entries').values(batch).returning(['id', 'contract_id', 'kind', 'ref']).execute();
    // RETURNING answers in the order of the VALUES (PostgreSQL, PGlite): checked, since each audit names its entry.
    inserted.forEach((r, k) => {
      const row = batch[k]!;
      if (r.contract_id !== row.contract_id || r.kind !== row.kind || r.ref !== row.ref) throw new Error('ledger insert answered out of order');
    });
    ids.push(...inserted.map((r) => r.id));
  }

  const audits: AuditRecord[] = [];
  let next = 0;
  for (const { actions } of work)
    for (const action of actions) {
      if (action.type === 'supersede') {
        audits.push({ actor, action: 'ledger.supersede', entity: 'ledger_entry', entityId: action.entryId, before: { state: 'proposed' }, after: { state: 'superseded' } });
      } else if (action.type === 'reverse') {
        const e = action.entry;
        audits.push({ actor, action: 'ledger.reverse', entity: 'ledger_entry', entityId: ids[next++]!, after: { reverses: e.id, licenseSeconds: -e.licenseSeconds, amountVnd: -e.amountVnd } });
      } else {
        const l = action.line;
        audits.push({ actor, action: 'ledger.propose', entity: 'ledger_entry', entityId: ids[next++]!, after: action.replacesId === undefined ? l.line : { ...l.line, replaces: action.replacesId } });
      }
    }
  await recordAudits(tx, audits);
}

function entryRow(contractId: string, action: Exclude<LedgerAction, { type: 'supersede' }>, policyVersion: string, actor: string, now: Date) {
  const common = { contract_id: contractId, policy_version: policyVersion, created_by: actor };
  if (action.type === 'reverse') {
    const e = action.entry;
    // The reversal undoes a decided figure because a fact changed; it takes
    // effect with that change (attributed to whoever made it), and is applied
    // at the next renewal like any approved entry.
    return {
      ...common,
      ...figures(e, -1n),
      kind: 'reversal' as const,
      line: JSON.stringify({ reverses: e.id }),
      reverses_id: e.id,
      replaces_id: null,
      state: 'approved' as const,
      decided_by: actor,
      decided_at: now,
      decision_reason: 'facts changed after the entry was approved',
    };
  }
  const l = action.line;
  return { ...common, ...figures(l, 1n), kind: 'credit' as const, line: JSON.stringify(l.line), reverses_id: null, replaces_id: action.replacesId ?? null, state: 'proposed' as const, decided_by: null, decided_at: null, decision_reason: null };
}

/** A line's key and figures as columns, the figures times `sign`. */
function figures(x: Pick<StandingEntry, 'source' | 'ref' | 'occurrence' | 'creditAs' | 'licenseSeconds' | 'amountVnd'>, sign: bigint) {
  return { source: x.source, ref: x.ref, occurrence: x.occurrence, credit_as: x.creditAs, license_seconds: (sign * x.licenseSeconds).toString(), amount_vnd: (sign * x.amountVnd).toString() };
}

/**
 * Moves one entry from `from` to `to`, guarded by its current state so that
 * of ten concurrent decisions exactly one takes effect (issue #4).
 */
export async function decideEntry(
  db: Kysely<Database>,
  id: number,
  from: EntryState,
  to: 'approved' | 'rejected',
  actor: string,
  reason: string | null,
  now: Date,
): Promise<LedgerEntry | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('ledger_entries')
      .set({ state: to, decided_by: actor, decided_at: now, decision_reason: reason })
      .where('id', '=', id)
      .where('state', '=', from)
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) await recordAudit(tx, { actor, action: `ledger.${to === 'approved' ? 'approve' : 'reject'}`, entity: 'ledger_entry', entityId: id, before: { state: from }, after: { state: to, reason } });
    return row;
  });
}
