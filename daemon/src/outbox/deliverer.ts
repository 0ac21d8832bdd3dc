import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { claimDue, markAttemptFailed, markDelivered, type OutboxMessage } from './outbox.repository.ts';
import type { OutboxChannel } from './outbox.table.ts';
import type { Sender } from './sender.ts';

export interface DelivererOptions {
  db: Db;
  now: () => number;
  senders: Partial<Record<OutboxChannel, Sender>>;
  logger: Logger;
  /** Attempts before a message is marked failed (default 10). */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt up to `maxBackoffMs` (defaults 30 s and 1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed message is held before another attempt may take it (default 5 min). */
  leaseMs?: number;
  batch?: number;
  /** Runs in the transaction that marks a message delivered (e.g. recording the notice it was). */
  onDelivered?: (tx: Db, message: OutboxMessage) => Promise<void>;
  /** Runs in the transaction that gives a message up (issue #15: the operators' `delivery.failing` alert). */
  onFailed?: (tx: Db, message: OutboxMessage, reason: string) => Promise<void>;
}

export interface DeliveryRound {
  delivered: number;
  retried: number;
  failed: number;
}

/** Delay before attempt `attempts + 1`: backoff × 2^(attempts − 1), capped. */
export function retryDelay(attempts: number, backoffMs: number, maxBackoffMs: number): number {
  return Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers what the outbox holds (issue #15). At least once: a message whose
 * channel accepted it but whose `delivered` mark was lost to a crash is sent
 * again after its lease, with the same idempotency key (the e-mail's
 * Message-ID, a webhook's `webhook-id`) so the receiver can tell.
 */
export function createDeliverer(o: DelivererOptions) {
  const maxAttempts = o.maxAttempts ?? 10;
  const backoffMs = o.backoffMs ?? 30_000;
  const maxBackoffMs = o.maxBackoffMs ?? 3_600_000;
  const leaseMs = o.leaseMs ?? 300_000;

  async function deliverDue(): Promise<DeliveryRound> {
    const round: DeliveryRound = { delivered: 0, retried: 0, failed: 0 };
    const claimed = await claimDue(o.db, new Date(o.now()), o.batch ?? 50, leaseMs);
    for (const message of claimed) {
      const sender = o.senders[message.channel];
      const result = sender === undefined ? { ok: false as const, reason: `no ${message.channel} channel is configured`, permanent: false } : await sender(message);
      if (result.ok) {
        await o.db.transaction().execute(async (tx) => {
          await markDelivered(tx, message.id, result.acceptedAt);
          await o.onDelivered?.(tx, { ...message, state: 'delivered', delivered_at: result.acceptedAt, last_error: null });
        });
        round.delivered++;
        continue;
      }
      const giveUp = result.permanent || message.attempts >= maxAttempts;
      const retryAt = giveUp ? null : new Date(o.now() + retryDelay(message.attempts, backoffMs, maxBackoffMs));
      await o.db.transaction().execute(async (tx) => {
        await markAttemptFailed(tx, message.id, result.reason, retryAt);
        if (giveUp) await o.onFailed?.(tx, { ...message, state: 'failed', last_error: result.reason }, result.reason);
      });
      if (giveUp) {
        round.failed++;
        o.logger.warn(`outbox: gave up on message ${message.id} (${message.cause}) after ${message.attempts} attempts: ${result.reason}`);
      } else round.retried++;
    }
    return round;
  }

  return { deliverDue };
}
