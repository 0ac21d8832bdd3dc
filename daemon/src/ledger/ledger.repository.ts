import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { EntryState, LedgerEntryTable } from './ledger.table.ts';
import type { LedgerAction, StandingEntry } from './reconcile.ts';

export type LedgerEntry = Selectable<LedgerEntryTable>;

export function toStanding(e: LedgerEntry): StandingEntry {
  return {
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
  };
}

export async function entriesOf(db: Kysely<Database>, contractId: string): Promise<LedgerEntry[]> {
  return db.selectFrom('ledger_entries').selectAll().where('contract_id', '=', contractId).orderBy('id').execute();
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

/** Carries out reconciliation's actions, each audited, inside the caller's transaction. */
export async function applyActions(tx: Kysely<Database>, contractId: string, policyVersion: string, actions: LedgerAction[], actor: string, now: Date): Promise<void> {
  for (const action of actions) {
    if (action.type === 'supersede') {
      await tx.updateTable('ledger_entries').set({ state: 'superseded' }).where('id', '=', action.entryId).where('state', '=', 'proposed').execute();
      await recordAudit(tx, { actor, action: 'ledger.supersede', entity: 'ledger_entry', entityId: action.entryId, before: { state: 'proposed' }, after: { state: 'superseded' } });
    } else if (action.type === 'reverse') {
      const e = action.entry;
      // The reversal undoes a decided figure because a fact changed; it takes
      // effect with that change (attributed to whoever made it), and is applied
      // at the next renewal like any approved entry.
      const reversal = await tx
        .insertInto('ledger_entries')
        .values({
          contract_id: contractId,
          kind: 'reversal',
          source: e.source,
          ref: e.ref,
          occurrence: e.occurrence,
          credit_as: e.creditAs,
          license_seconds: (-e.licenseSeconds).toString(),
          amount_vnd: (-e.amountVnd).toString(),
          policy_version: policyVersion,
          line: JSON.stringify({ reverses: e.id }),
          reverses_id: e.id,
          state: 'approved',
          created_by: actor,
          decided_by: actor,
          decided_at: now,
          decision_reason: 'facts changed after the entry was approved',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(tx, { actor, action: 'ledger.reverse', entity: 'ledger_entry', entityId: reversal.id, after: { reverses: e.id, licenseSeconds: -e.licenseSeconds, amountVnd: -e.amountVnd } });
    } else {
      const l = action.line;
      const created = await tx
        .insertInto('ledger_entries')
        .values({
          contract_id: contractId,
          kind: 'credit',
          source: l.source,
          ref: l.ref,
          occurrence: l.occurrence,
          credit_as: l.creditAs,
          license_seconds: l.licenseSeconds.toString(),
          amount_vnd: l.amountVnd.toString(),
          policy_version: policyVersion,
          line: JSON.stringify(l.line),
          replaces_id: action.replacesId ?? null,
          state: 'proposed',
          created_by: actor,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(tx, { actor, action: 'ledger.propose', entity: 'ledger_entry', entityId: created.id, after: action.replacesId === undefined ? l.line : { ...l.line, replaces: action.replacesId } });
    }
  }
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
