import type { AlertEvent, AlertRoute } from '@sla/shared';
import type { Db } from '../db/database.ts';
import { ALERT_TEXTS, type AlertFacts } from './alert-texts.ts';
import { enqueue, type NewOutboxMessage } from './outbox.repository.ts';

/** The cause of every alert message: the deliverer does not alert about these (an alert about a failing alert would never end). */
export const ALERT_CAUSE_PREFIX = 'alert:';

/**
 * Issue #15: one message per route that takes `event`, on the route's channel
 * and in its language. The key is the event, its fact's id and the route, so
 * the same fact queued again (a retry, a second daemon, a job run twice) sends
 * nothing more.
 */
export function alertMessages<E extends AlertEvent>(routes: readonly AlertRoute[], event: E, factId: string | number, facts: AlertFacts[E], at: Date): NewOutboxMessage[] {
  return routes
    .filter((r) => r.events.includes(event))
    .map((r) => {
      const { title, lines } = ALERT_TEXTS[r.lang][event](facts);
      const base = { idempotency_key: `${ALERT_CAUSE_PREFIX}${event}:${factId}:${r.id}`, cause: `${ALERT_CAUSE_PREFIX}${event}`, subject: `[SLA] ${title}`, body_html: null };
      if ('email' in r.to) return { ...base, channel: 'email', recipient: r.to.email, body_text: [title, '', ...lines].join('\n') };
      if ('webhook' in r.to) return { ...base, channel: 'webhook', recipient: r.to.webhook, body_text: JSON.stringify({ type: `alert.${event}`, timestamp: at.toISOString(), data: facts }) };
      const text = `${title}\n${lines.join('\n')}`;
      return { ...base, channel: 'slack', recipient: r.id, body_text: JSON.stringify({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${lines.join('\n')}` } }] }) };
    });
}

/** Queues the alert in `db` (the fact's transaction, when the caller passes one). */
export async function queueAlert<E extends AlertEvent>(db: Db, routes: readonly AlertRoute[], event: E, factId: string | number, facts: AlertFacts[E], now: Date): Promise<void> {
  await enqueue(db, alertMessages(routes, event, factId, facts, now), now);
}
