import type { Db } from '../db/database.ts';
import { enqueue } from '../outbox/outbox.repository.ts';
import { type LinkKey, type PostedUpdate, updateMessages } from './messages.ts';
import { confirmedSubscribersOf } from './subscriber.repository.ts';

/**
 * Issue #15: queues an incident post or update to the confirmed subscribers of
 * `components` (and those of every component), in the transaction that posts
 * it; the key per update and subscriber makes a replay send nothing twice.
 * Returns how many were queued.
 */
export async function notifySubscribers(tx: Db, k: LinkKey, u: PostedUpdate, components: string[], now: Date): Promise<number> {
  const messages = updateMessages(k, u, await confirmedSubscribersOf(tx, components));
  await enqueue(tx, messages, now);
  return messages.length;
}
