import type { ColumnType, Generated } from 'kysely';

/** The channels a message can go out on (issue #15): a webhook row's recipient is the endpoint's config id, never its URL or secret. */
export const OUTBOX_CHANNELS = ['email', 'webhook', 'slack'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** pending: to send (again) at next_attempt_at; delivered; failed: gave up after the last attempt; cancelled: its cause was withdrawn. */
export const OUTBOX_STATES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxMessageTable {
  id: ColumnType<string, never, never>;
  idempotency_key: string;
  channel: OutboxChannel;
  /** Private: an address of a customer's contact, never on a public surface or in /metrics. */
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  /** Extra e-mail headers, e.g. List-Unsubscribe on a message to a subscriber (issue #15, RFC 8058). */
  headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  /** What caused it, e.g. `maintenance:12` (for the operators' view). */
  cause: string;
  state: Generated<OutboxState>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  last_error: string | null;
  /** When the channel accepted it: the instant a notice counts from (SLA §C.1). */
  delivered_at: Date | null;
  created_at: Date;
}
