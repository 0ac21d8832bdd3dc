import type { ColumnType, JSONColumnType } from 'kysely';

/** pending: asked, not yet confirmed by the link mailed to it; confirmed: receives incident updates; unsubscribed. */
export const SUBSCRIBER_STATES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];
export const SUBSCRIBER_LANGS = ['vi', 'en'] as const;
export type SubscriberLang = (typeof SUBSCRIBER_LANGS)[number];

/** Issue #15: private data, never on a public surface or in /metrics. */
export interface SubscriberTable {
  id: ColumnType<string, never, never>;
  email: string;
  /** Component ids, or null: all of them. */
  components: JSONColumnType<string[] | null, string | null, string | null>;
  lang: SubscriberLang;
  state: SubscriberState;
  /** The last request to subscribe: its confirmation message is keyed by it. */
  requested_at: Date;
  created_at: ColumnType<Date, Date, never>;
  confirmed_at: Date | null;
  unsubscribed_at: Date | null;
}
