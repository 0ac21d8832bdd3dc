import type { OutboxMessage } from './outbox.repository.ts';
import type { Sender, SendResult } from './sender.ts';

/** A Slack-compatible incoming webhook: the route's id and the URL read from the variable its config names. */
export interface SlackRoute {
  id: string;
  url: string;
}

const TIMEOUT_MS = 10_000;

/**
 * Operators' chat (issue #15): the row's `body_text` is the `{ text, blocks }`
 * JSON, POSTed as it is, unsigned (the URL is the secret). 2xx is delivered;
 * anything else is retried by the deliverer. Reasons never name the URL.
 */
export function createSlackSender(routes: readonly SlackRoute[], now: () => number): Sender {
  const byId = new Map(routes.map((r) => [r.id, r.url]));
  return async (message: OutboxMessage): Promise<SendResult> => {
    const url = byId.get(message.recipient);
    if (url === undefined) return { ok: false, reason: `no slack alert route ${message.recipient} is configured`, permanent: false };
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: message.body_text, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) return { ok: true, acceptedAt: new Date(now()) };
      return { ok: false, reason: `HTTP ${response.status}`, permanent: false };
    } catch (error) {
      const e = error as { name?: string; cause?: { code?: string } };
      return { ok: false, reason: e.name === 'TimeoutError' ? `timeout after ${TIMEOUT_MS} ms` : (e.cause?.code ?? e.name ?? 'error'), permanent: false };
    }
  };
}
