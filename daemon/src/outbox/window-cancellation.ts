import type { Config } from '@sla/shared';
import type { Db } from '../db/database.ts';
import { withdrawWindowNotices } from './maintenance-notices.ts';
import { enqueue } from './outbox.repository.ts';
import { type AnnouncedWindow, windowCause, windowWebhookMessages } from './window-event.ts';

/**
 * Issue #15: cancelling a window withdraws its messages not yet sent, and
 * tells every webhook endpoint that may have heard of it — one of the
 * window's webhooks was delivered or at least attempted (a timed-out POST
 * may have arrived; delivery is at least once) — with a signed
 * `maintenance.cancelled`, through the outbox like any other event. An
 * endpoint that never heard of the window is not told of its end. Called
 * inside the cancel's transaction, so the cancellation and its event are
 * committed together.
 */
export async function cancelWindowMessages(db: Db, w: AnnouncedWindow & { cancelledAt: string }, now: Date, webhooks: Config['notify']['webhooks'] = []): Promise<void> {
  const told = await db
    .selectFrom('outbox_messages')
    .select('recipient')
    .distinct()
    .where('cause', '=', windowCause(w.id))
    .where('channel', '=', 'webhook')
    .where((eb) => eb.or([eb('state', '=', 'delivered'), eb('attempts', '>', 0)]))
    .execute();
  await withdrawWindowNotices(db, w.id);
  const endpoints = new Set(told.map((r) => r.recipient));
  await enqueue(db, windowWebhookMessages(w, 'maintenance.cancelled', 'cancel', now, webhooks.filter((h) => endpoints.has(h.id))), now);
}
