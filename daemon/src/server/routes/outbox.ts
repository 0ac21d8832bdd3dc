import { z } from 'zod';
import { listMessages } from '../../outbox/outbox.repository.ts';
import { OUTBOX_CHANNELS, OUTBOX_STATES } from '../../outbox/outbox.table.ts';
import type { App } from '../app-type.ts';
import type { ServerDeps } from '../deps.ts';
import { lineText } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { atOrNull } from '../view-fields.ts';

const query = z.strictObject({ cause: lineText().pipe(z.string().min(1)).optional(), state: z.enum(OUTBOX_STATES).optional() });

/** Private: recipients are customers' contacts (issue #15); issue #19: the document's body. */
const messagesView = z.strictObject({
  messages: z.array(
    z.strictObject({
      id: z.number().int(),
      key: z.string(),
      cause: z.string(),
      channel: z.enum(OUTBOX_CHANNELS),
      recipient: z.string(),
      subject: z.string(),
      state: z.enum(OUTBOX_STATES),
      attempts: z.number().int(),
      nextAttemptAt: atOrNull,
      lastError: z.string().nullable(),
      deliveredAt: atOrNull,
    }),
  ),
});

export const outboxSpecs = {
  list: { method: 'get', path: '/api/v1/outbox', role: 'viewer', summary: 'Messages the product sends, with their delivery state per recipient (private; issue #15)', cli: ['outbox', 'list'], query, response: messagesView },
} as const satisfies Record<string, RouteSpec>;

/** GET /api/v1/outbox: what was queued, for whom, and whether and when it was delivered (issue #15). */
export function outboxRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, outboxSpecs.list, async (c, { query: q }) => {
    const rows = await listMessages(deps.db, { cause: q.cause, state: q.state });
    return reply(c, outboxSpecs.list, {
      messages: rows.map((m) => ({
        id: Number(m.id),
        key: m.idempotency_key,
        cause: m.cause,
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        state: m.state,
        attempts: m.attempts,
        nextAttemptAt: m.state === 'pending' ? m.next_attempt_at.toISOString() : null,
        lastError: m.last_error,
        deliveredAt: m.delivered_at?.toISOString() ?? null,
      })),
    });
  });
}
