import type { CaseContract, CaseTicket } from '../case-file/schema.ts';
import { TICKET_CLASSES, TICKET_DEADLINES, type TicketClass, type TicketDeadlineKind } from '../domain/sets.ts';
import type { Policy } from '../policy/policy.ts';
import type { Interval } from '../time/intervals.ts';
import { workingCalendar, type WorkingCalendar } from '../time/working-hours.ts';
import { isInPeriod } from './period.ts';
import { ticketLine, type TicketLine } from './ticket-clocks.ts';

// A contract's ticket report in its statement (docs/contract.md §2: met or
// breached, per contract and period): each ticket received in the period with
// its deadlines, and the counts by class, deadline and outcome. No money.

export interface TicketCount {
  class: TicketClass;
  deadline: TicketDeadlineKind;
  met: number;
  breached: number;
  pending: number;
}

export interface TicketReport {
  asOf: number;
  lines: TicketLine[];
  counts: TicketCount[];
}

/** `calendar`: the contract zone's working calendar, which contracts in one zone may share. */
export function ticketReport(
  contract: CaseContract,
  tickets: readonly CaseTicket[],
  policy: Policy,
  period: Interval | undefined,
  asOf: number,
  calendar: WorkingCalendar = workingCalendar(contract.timeZone, policy),
): TicketReport {
  const clocks = {
    calendar,
    wallClockClasses: new Set<string>(policy.ticketWallClockClasses),
    asOf,
  };
  const lines = tickets
    .filter((t) => isInPeriod(t.receivedAt, period))
    .map((t) => ticketLine(t, clocks))
    .sort((a, b) => a.receivedAt - b.receivedAt || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return { asOf, lines, counts: countOutcomes(lines) };
}

/** Counts in the order of the closed sets (class, then deadline); groups with no ticket are left out. */
function countOutcomes(lines: readonly TicketLine[]): TicketCount[] {
  const counts: TicketCount[] = [];
  for (const ticketClass of TICKET_CLASSES) {
    for (const deadline of TICKET_DEADLINES) {
      const count: TicketCount = { class: ticketClass, deadline, met: 0, breached: 0, pending: 0 };
      for (const line of lines) {
        if (line.class !== ticketClass) continue;
        for (const d of line.deadlines) if (d.deadline === deadline) count[d.outcome]++;
      }
      if (count.met + count.breached + count.pending > 0) counts.push(count);
    }
  }
  return counts;
}
