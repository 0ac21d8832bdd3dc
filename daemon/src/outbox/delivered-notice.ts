import type { Db } from '../db/database.ts';
import type { OutboxMessage } from './outbox.repository.ts';

/**
 * Issue #15, SLA §C.1: a maintenance notice the product sent counts from the
 * instant the mail server accepted it — the delivery record, not anyone's
 * word. The first delivery of each round (announcement, reminder) records one
 * `email` notice on the window. Returns the window's components when a notice
 * was recorded (their contracts' verdicts may change), else undefined. Runs
 * in the transaction that marks the message delivered, so neither is lost.
 */
export async function recordDeliveredNotice(tx: Db, message: OutboxMessage): Promise<string[] | undefined> {
  const m = /^maintenance:(\d+):(announce|reminder):/.exec(message.idempotency_key);
  // A webhook goes to the vendor's own endpoint, not to the customer: it is no notice (SLA §C.1).
  if (m === null || message.delivered_at === null || message.channel !== 'email') return undefined;
  const windowId = Number(m[1]);
  const recordedBy = `outbox (${m[2]})`;
  const window = await tx.selectFrom('maintenance_windows').select(['id', 'cancelled_at']).where('id', '=', windowId).forUpdate().executeTakeFirst();
  if (window === undefined || window.cancelled_at !== null) return undefined;
  const already = await tx.selectFrom('maintenance_notices').select('id').where('window_id', '=', windowId).where('recorded_by', '=', recordedBy).executeTakeFirst();
  if (already !== undefined) return undefined;
  await tx.insertInto('maintenance_notices').values({ window_id: windowId, sent_at: message.delivered_at!, channel: 'email', provenance: 'delivered', recorded_by: recordedBy }).execute();
  await tx.updateTable('maintenance_windows').set({ updated_at: message.delivered_at! }).where('id', '=', windowId).execute();
  const components = await tx.selectFrom('maintenance_components').select('component_id').where('window_id', '=', windowId).execute();
  return components.map((c) => c.component_id);
}
