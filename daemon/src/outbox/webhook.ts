import { Webhook } from 'standardwebhooks';
import type { OutboxMessage } from './outbox.repository.ts';
import type { Sender, SendResult } from './sender.ts';

export interface WebhookEndpoint {
  id: string;
  url: string;
  /** The Standard Webhooks secret, read from the variable the config names; only ever handed to the signer. */
  secret: string;
  timeoutMs: number;
}

/**
 * Webhooks signed by the Standard Webhooks scheme (issue #15). A row's
 * `recipient` is the endpoint's id and its `body_text` the JSON to POST, so a
 * message sent again after a crash is the same bytes with the same
 * `webhook-id` (the idempotency key). 2xx is delivered; any other answer, a
 * timeout or a network error is retried by the deliverer's backoff. Reasons
 * name the status or error, never the URL (it may carry a token) or the secret.
 */
export function createWebhookSender(endpoints: readonly WebhookEndpoint[], now: () => number): Sender {
  const byId = new Map(endpoints.map((e) => [e.id, { ...e, signer: new Webhook(e.secret) }]));
  return async (message: OutboxMessage): Promise<SendResult> => {
    const endpoint = byId.get(message.recipient);
    if (endpoint === undefined) return { ok: false, reason: `no webhook endpoint ${message.recipient} is configured`, permanent: false };
    const at = new Date(now());
    const headers = {
      'content-type': 'application/json',
      'webhook-id': message.idempotency_key,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': endpoint.signer.sign(message.idempotency_key, at, message.body_text),
    };
    try {
      const response = await fetch(endpoint.url, { method: 'POST', headers, body: message.body_text, redirect: 'manual', signal: AbortSignal.timeout(endpoint.timeoutMs) });
      // The answer's body is not ours to read (size cap by not reading it).
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) return { ok: true, acceptedAt: new Date(now()) };
      return { ok: false, reason: `HTTP ${response.status}`, permanent: false };
    } catch (error) {
      const e = error as { name?: string; cause?: { code?: string } };
      const what = e.name === 'TimeoutError' ? `timeout after ${endpoint.timeoutMs} ms` : (e.cause?.code ?? e.name ?? 'error');
      return { ok: false, reason: what, permanent: false };
    }
  };
}
