import type { OutboxMessage } from './outbox.repository.ts';

/**
 * What a channel says of one attempt: data, not an exception (docs/conventions.md
 * §3). `permanent`: retrying cannot help (a 5xx SMTP reply, an address refused).
 * A reason never carries a secret: it is stored and shown to operators.
 */
export type SendResult = { ok: true; acceptedAt: Date } | { ok: false; reason: string; permanent: boolean };

export type Sender = (message: OutboxMessage) => Promise<SendResult>;
