import { OUTBOX_CHANNELS, OUTBOX_STATES, type OutboxChannel, type OutboxState } from '../outbox/outbox.table.ts';
import type { CollectedFamilies, Sample } from './collected.ts';

// Issue #15: the outbox's messages by channel and state. Labels come from the
// closed sets only — never a recipient, cause or endpoint (docs/contract.md §5)
// — so every combination is a series, 0 when none.

export interface OutboxMessageCount {
  channel: OutboxChannel;
  state: OutboxState;
  count: number;
}

export interface OutboxMetricSource {
  /** Every message the outbox holds, counted by channel and state. */
  counts: () => Promise<OutboxMessageCount[]>;
}

export function registerOutboxFamilies(families: CollectedFamilies, o: { counts: () => Promise<OutboxMessageCount[] | undefined> }): void {
  families.gauge({
    name: 'sla_outbox_messages',
    help: 'Messages in the outbox (maintenance notices by e-mail, signed webhooks) by channel and state: pending (to send or retry), delivered, failed (given up), cancelled (their window was cancelled first).',
    labelNames: ['channel', 'state'],
    samples: async () => {
      const counts = await o.counts();
      if (counts === undefined) return undefined;
      const found = new Map(counts.map((c) => [`${c.channel} ${c.state}`, c.count]));
      return OUTBOX_CHANNELS.flatMap((channel) => OUTBOX_STATES.map((state): Sample<'channel' | 'state'> => [{ channel, state }, found.get(`${channel} ${state}`) ?? 0]));
    },
  });
}
