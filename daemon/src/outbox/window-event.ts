import type { Config, MaintenanceKind, WebhookEvent } from '@sla/shared';
import type { NewOutboxMessage } from './outbox.repository.ts';

/** A maintenance window as its messages tell it (issue #15). */
export interface AnnouncedWindow {
  id: number;
  kind: MaintenanceKind;
  title: string;
  description: string;
  components: string[];
  startsAt: string;
  endsAt: string;
}

/** The cause every message about window `id` carries (the delivery hook and cancellation match on it). */
export const windowCause = (id: number) => `maintenance:${id}`;

/**
 * Issue #15: one Standard Webhooks event about a window to each endpoint that
 * takes `type` (no `events` in the config: all of them), as the exact JSON
 * the webhook sender signs at each attempt. `round` makes the idempotency key
 * (the `webhook-id`) unique per event and endpoint. Only the window's own
 * facts are in it, never a contact or a customer; a cancellation adds when.
 */
export function windowWebhookMessages(
  w: AnnouncedWindow & { cancelledAt?: string },
  type: WebhookEvent,
  round: string,
  at: Date,
  hooks: Config['notify']['webhooks'],
): Array<NewOutboxMessage & { next_attempt_at: Date }> {
  const data = { id: w.id, kind: w.kind, title: w.title, description: w.description, components: w.components, startsAt: w.startsAt, endsAt: w.endsAt, ...(w.cancelledAt === undefined ? {} : { cancelledAt: w.cancelledAt }) };
  const body_text = JSON.stringify({ type, timestamp: at.toISOString(), data });
  return hooks
    .filter((hook) => hook.events === undefined || hook.events.includes(type))
    .map((hook) => ({ idempotency_key: `${windowCause(w.id)}:${round}:webhook:${hook.id}`, channel: 'webhook', recipient: hook.id, cause: windowCause(w.id), subject: type, body_text, body_html: null, next_attempt_at: at }));
}
