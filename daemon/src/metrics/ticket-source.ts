import type { Policy } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listTickets } from '../tickets/ticket.repository.ts';
import { TICKET_WINDOW_DAYS, type TicketDeadlineCount, type TicketMetricSource } from './ticket-families.ts';

/** The ticket family's source (issue #16): each recent ticket's deadlines read now, by the engine's clocks, counted. */
export function ticketMetricSource(db: Kysely<Database>, policy: () => Policy, now: () => number): TicketMetricSource {
  return {
    counts: async () => {
      const at = now();
      const tickets = await listTickets(db, policy(), new Date(at), { receivedSince: new Date(at - TICKET_WINDOW_DAYS * 86_400_000) });
      const counts = new Map<string, TicketDeadlineCount>();
      for (const t of tickets) {
        for (const d of t.deadlines) {
          const key = `${t.class} ${d.deadline} ${d.outcome}`;
          const count = counts.get(key) ?? { class: t.class, deadline: d.deadline, outcome: d.outcome, count: 0 };
          count.count++;
          counts.set(key, count);
        }
      }
      return [...counts.values()];
    },
  };
}
