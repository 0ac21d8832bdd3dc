import { TICKET_CLASSES, TICKET_DEADLINES, TICKET_OUTCOMES, type TicketClass, type TicketDeadlineKind, type TicketOutcome } from '@sla/shared';
import type { CollectedFamilies, Sample } from './collected.ts';

// Issue #16: ticket deadlines by class, deadline and outcome (docs/contract.md §2).
// Labels come from the closed sets only — never a contract or a customer
// (docs/contract.md §5) — so every combination is a series, 0 when none.

export interface TicketDeadlineCount {
  class: TicketClass;
  deadline: TicketDeadlineKind;
  outcome: TicketOutcome;
  count: number;
}

export interface TicketMetricSource {
  /** The deadlines of tickets received in the last TICKET_WINDOW_DAYS days, as they stand now. */
  counts: () => Promise<TicketDeadlineCount[]>;
}

export const TICKET_WINDOW_DAYS = 30;

export function registerTicketFamilies(families: CollectedFamilies, o: { counts: () => Promise<TicketDeadlineCount[] | undefined> }): void {
  families.gauge({
    name: 'sla_ticket_deadlines',
    help: `Deadlines of the support tickets received in the last ${TICKET_WINDOW_DAYS} days (SLA §A, §C.3), by ticket class, deadline and outcome (met, breached, pending).`,
    labelNames: ['class', 'deadline', 'outcome'],
    samples: async () => {
      const counts = await o.counts();
      if (counts === undefined) return undefined;
      const key = (c: string, d: string, x: string) => `${c} ${d} ${x}`;
      const found = new Map(counts.map((c) => [key(c.class, c.deadline, c.outcome), c.count]));
      return TICKET_CLASSES.flatMap((ticketClass) =>
        TICKET_DEADLINES.flatMap((deadline) =>
          TICKET_OUTCOMES.map((outcome): Sample<'class' | 'deadline' | 'outcome'> => [{ class: ticketClass, deadline, outcome }, found.get(key(ticketClass, deadline, outcome)) ?? 0]),
        ),
      );
    },
  });
}
