import { dictionary } from '@sla/shared/status/i18n/index.ts';
import type { NewOutboxMessage } from '../outbox/outbox.repository.ts';
import type { Subscriber } from './subscriber.repository.ts';
import { signToken } from './token.ts';

/** What a subscriber's links need: the page's origin (server.publicUrl) and the links' key. */
export interface LinkKey {
  origin: string;
  secret: string;
}

export const subscriberCause = (id: string) => `subscriber:${id}`;

const link = (k: LinkKey, path: 'confirm' | 'unsubscribe', s: Subscriber) => `${k.origin}/subscriptions/${path}?token=${signToken(k.secret, path, s)}`;

/**
 * RFC 2369 and RFC 8058: every message to a subscriber names its unsubscribe
 * link, and says a POST to it unsubscribes in one click (mail clients show a
 * button; a GET only shows the page, since link scanners fetch them).
 */
const unsubscribeHeaders = (url: string) => ({ 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });

/** Issue #15, double opt-in: the one message a pending subscriber gets, keyed by its request so asking twice mails once. */
export function confirmationMessage(k: LinkKey, s: Subscriber): NewOutboxMessage {
  const t = dictionary(s.lang).subscription;
  const unsubscribeUrl = link(k, 'unsubscribe', s);
  return {
    idempotency_key: `${subscriberCause(s.id)}:confirm:${s.requested_at.getTime()}`,
    channel: 'email',
    recipient: s.email,
    cause: subscriberCause(s.id),
    subject: t.confirmSubject,
    body_text: t.confirmBody(link(k, 'confirm', s)),
    body_html: null,
    headers: JSON.stringify(unsubscribeHeaders(unsubscribeUrl)),
  };
}

export interface PostedUpdate {
  incidentId: number;
  updateId: number;
  title: string;
  status: keyof ReturnType<typeof dictionary>['incidentStatus'];
  body: string;
}

/** Issue #15: one message per confirmed subscriber and incident update, in the subscriber's language. */
export function updateMessages(k: LinkKey, u: PostedUpdate, subscribers: Subscriber[]): NewOutboxMessage[] {
  return subscribers.map((s) => {
    const t = dictionary(s.lang);
    const unsubscribeUrl = link(k, 'unsubscribe', s);
    return {
      idempotency_key: `incident:${u.incidentId}:update:${u.updateId}:${subscriberCause(s.id)}`,
      channel: 'email',
      recipient: s.email,
      cause: `incident:${u.incidentId}`,
      subject: t.subscription.updateSubject(u.title, t.incidentStatus[u.status]),
      body_text: `${u.body}\n\n${k.origin}/incidents/${u.incidentId}\n\n--\n${t.subscription.updateFooter(unsubscribeUrl)}`,
      body_html: null,
      headers: JSON.stringify(unsubscribeHeaders(unsubscribeUrl)),
    };
  });
}
