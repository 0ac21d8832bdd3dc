import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { OutboxChannel, OutboxState } from '../outbox/outbox.table.ts';
import type { OutboxMetricSource } from './outbox-families.ts';

/** The outbox family's source (issue #15): one grouped count over outbox_messages, read by whichever daemon is scraped (they share the rows). */
export function outboxMetricSource(db: Kysely<Database>): OutboxMetricSource {
  return {
    counts: async () => {
      // int: count(*) is a string from pg and a number from PGlite (docs/conventions.md §9.2).
      const { rows } = await sql<{ channel: OutboxChannel; state: OutboxState; count: number }>`
        select channel, state, count(*)::int as count from outbox_messages group by channel, state
      `.execute(db);
      return rows.map((r) => ({ channel: r.channel, state: r.state, count: Number(r.count) }));
    },
  };
}
