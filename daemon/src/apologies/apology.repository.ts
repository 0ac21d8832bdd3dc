import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import { listContacts } from '../contracts/contact.repository.ts';
import type { Db } from '../db/database.ts';
import { enqueue } from '../outbox/outbox.repository.ts';
import type { ApologyTable } from './apology.table.ts';

export type Apology = Selectable<ApologyTable>;

/** What the ledger and the operators see: a draft, approved (queued), or sent once every contact's mail was accepted (issue #15). */
export type ApologyStatus = { state: 'draft' | 'approved' | 'sent'; sentAt: Date | null };

/** The cause every message of apology `id` carries in the outbox. */
export const apologyCause = (id: number) => `apology:${id}`;

/**
 * Each apology's status: `sent` when the outbox delivered its message to every
 * recipient, at the last acceptance (the delivery record, as a notice's
 * sentAt is: SLA §C.1).
 */
export async function statusesOf(db: Db, apologies: readonly Pick<Apology, 'id' | 'state'>[]): Promise<Map<number, ApologyStatus>> {
  const approved = apologies.filter((a) => a.state === 'approved').map((a) => apologyCause(a.id));
  const messages = approved.length === 0 ? [] : await db.selectFrom('outbox_messages').select(['cause', 'state', 'delivered_at']).where('cause', 'in', approved).execute();
  const byCause = Map.groupBy(messages, (m) => m.cause);
  return new Map<number, ApologyStatus>(
    apologies.map((a): [number, ApologyStatus] => {
      const sent = byCause.get(apologyCause(a.id)) ?? [];
      if (a.state === 'draft') return [a.id, { state: 'draft', sentAt: null }];
      if (sent.length === 0 || sent.some((m) => m.state !== 'delivered')) return [a.id, { state: 'approved', sentAt: null }];
      return [a.id, { state: 'sent', sentAt: new Date(Math.max(...sent.map((m) => m.delivered_at!.getTime()))) }];
    }),
  );
}

export async function listApologies(db: Db, filter: { contractId?: string } = {}): Promise<Apology[]> {
  let q = db.selectFrom('apologies').selectAll().orderBy('id', 'desc');
  if (filter.contractId !== undefined) q = q.where('contract_id', '=', filter.contractId);
  return q.execute();
}

/** The apology of each (contract, outage) of these ledger entries, keyed `contract\0O-id`. */
export async function apologiesOfEntries(db: Db, entries: readonly { contract_id: string; source: string; ref: string }[]): Promise<Map<string, ApologyStatus>> {
  const outageIds = [...new Set(entries.filter((e) => e.source === 'outage').map((e) => Number(e.ref.slice(2))))];
  if (outageIds.length === 0) return new Map();
  const rows = await db.selectFrom('apologies').select(['id', 'state', 'contract_id', 'outage_id']).where('outage_id', 'in', outageIds).execute();
  const statuses = await statusesOf(db, rows);
  return new Map(rows.map((r) => [`${r.contract_id}\u0000O-${r.outage_id}`, statuses.get(r.id)!]));
}

export type ApologyEdit = Partial<Pick<Apology, 'subject_vi' | 'body_vi' | 'subject_en' | 'body_en'>>;

/** An operator's edit of a draft, audited with what it replaced. */
export async function editApology(db: Db, id: number, edit: ApologyEdit, actor: string, now: Date): Promise<Apology | 'not_found' | 'not_draft'> {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('apologies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (before === undefined) return 'not_found';
    if (before.state !== 'draft') return 'not_draft';
    const row = await tx.updateTable('apologies').set({ ...edit, edited_by: actor, edited_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const keys = Object.keys(edit) as Array<keyof ApologyEdit>;
    await recordAudit(tx, { actor, action: 'apology.edit', entity: 'apology', entityId: id, before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: edit });
    return row;
  });
}

/**
 * Approves a draft and, in the same transaction, queues it to each of the
 * contract's contacts in the contact's language (issue #15: the message is a
 * row with the fact that caused it). Refused when the contract has no contact:
 * there would be no one to send it to, and for an outage since withdrawn.
 */
export async function approveApology(db: Db, id: number, actor: string, now: Date): Promise<Apology | 'not_found' | 'not_draft' | 'no_contacts' | 'withdrawn'> {
  return db.transaction().execute(async (tx) => {
    const draft = await tx.selectFrom('apologies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (draft === undefined) return 'not_found';
    if (draft.state !== 'draft') return 'not_draft';
    // docs/contract.md §1.5: a recorded outage withdrawn by two operators never happened; nothing is owed for it.
    const outage = await tx.selectFrom('outages').select('withdrawn_at').where('id', '=', draft.outage_id).executeTakeFirstOrThrow();
    if (outage.withdrawn_at !== null) return 'withdrawn';
    const contacts = await listContacts(tx, draft.contract_id);
    if (contacts.length === 0) return 'no_contacts';
    const row = await tx.updateTable('apologies').set({ state: 'approved', approved_by: actor, approved_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await enqueue(
      tx,
      contacts.map((c) => ({
        idempotency_key: `${apologyCause(id)}:${c.email}`,
        channel: 'email',
        recipient: c.email,
        cause: apologyCause(id),
        subject: c.lang === 'vi' ? draft.subject_vi : draft.subject_en,
        body_text: c.lang === 'vi' ? draft.body_vi : draft.body_en,
        body_html: null,
      })),
      now,
    );
    await recordAudit(tx, { actor, action: 'apology.approve', entity: 'apology', entityId: id, before: { state: 'draft' }, after: { state: 'approved', recipients: contacts.length } });
    return row;
  });
}
