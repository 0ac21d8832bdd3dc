import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { OutboxMessageTable, OutboxState } from './outbox.table.ts';

export type OutboxMessage = Selectable<OutboxMessageTable>;
export type NewOutboxMessage = Pick<Insertable<OutboxMessageTable>, 'idempotency_key' | 'channel' | 'recipient' | 'subject' | 'body_text' | 'body_html' | 'cause' | 'headers'>;

/** What enqueue NOTIFYs: the leader LISTENs on it, so a message queued through any daemon of the database is tried at once (issue #15). */
export const OUTBOX_QUEUED_CHANNEL = 'sla_outbox_queued';

/**
 * Queues messages, in the caller's transaction when it passes one (issue #15:
 * the message is written with the fact that caused it). A key already queued
 * is left as it is, so a retried request or a replayed fact sends once. The
 * NOTIFY goes out when that transaction commits, never before, and not at all
 * if it rolls back.
 */
export async function enqueue(db: Db, messages: Array<NewOutboxMessage & { next_attempt_at?: Date }>, now: Date): Promise<void> {
  if (messages.length === 0) return;
  await db
    .insertInto('outbox_messages')
    .values(messages.map((m) => ({ ...m, created_at: now, next_attempt_at: m.next_attempt_at ?? now })))
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  await sql`select pg_notify(${OUTBOX_QUEUED_CHANNEL}, '')`.execute(db);
}

/**
 * Takes up to `limit` due messages for this deliverer: each gets one more
 * attempt and a lease (`next_attempt_at` moved to now + leaseMs), committed
 * before anything is sent, so a second deliverer skips them (SKIP LOCKED) and a
 * deliverer that dies mid-send leaves them to be tried again once the lease
 * runs out.
 */
export async function claimDue(db: Db, now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('outbox_messages')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return tx
      .updateTable('outbox_messages')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: new Date(now.getTime() + leaseMs) }))
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returningAll()
      .execute();
  });
}

export async function markDelivered(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('outbox_messages').set({ state: 'delivered', delivered_at: at, last_error: null }).where('id', '=', id).execute();
}

/** A failed attempt: tried again at `retryAt`, or given up for good when it is null. */
export async function markAttemptFailed(db: Db, id: string, reason: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set(retryAt === null ? { state: 'failed', last_error: reason } : { last_error: reason, next_attempt_at: retryAt })
    .where('id', '=', id)
    .execute();
}

export async function listMessages(db: Db, filter: { cause?: string; state?: OutboxState } = {}): Promise<OutboxMessage[]> {
  let q = db.selectFrom('outbox_messages').selectAll().orderBy('id');
  if (filter.cause !== undefined) q = q.where('cause', '=', filter.cause);
  if (filter.state !== undefined) q = q.where('state', '=', filter.state);
  return q.execute();
}
