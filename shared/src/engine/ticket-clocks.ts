import type { CaseTicket } from '../case-file/schema.ts';
import type { TicketDeadlineKind, TicketOutcome } from '../domain/sets.ts';
import { WORKDAY_MINUTES, type WorkingCalendar } from '../time/working-hours.ts';
import { ACKNOWLEDGE, FIRST_RESPONSE, FRIDAY_REVIEW, RESOLVE, type ClockSpan, type Span } from './ticket-rules.ts';

// One ticket's deadlines and how each stands at `asOf` (docs/contract.md §2).
// A clock that has not started (no confirmation yet) has no deadline and is not listed.

export interface TicketDeadline {
  deadline: TicketDeadlineKind;
  dueAt: number;
  outcome: TicketOutcome;
  /** Pending only: seconds from asOf to dueAt. */
  secondsLeft?: number;
}

export interface TicketLine {
  ref: string;
  class: CaseTicket['class'];
  channel: CaseTicket['channel'];
  receivedAt: number;
  deadlines: TicketDeadline[];
}

export interface TicketClocks {
  calendar: WorkingCalendar;
  /** docs/contract.md §2 Default: the classes whose acknowledge and resolve clocks are wall-clock. */
  wallClockClasses: ReadonlySet<string>;
  asOf: number;
}

export function ticketLine(ticket: CaseTicket, clocks: TicketClocks): TicketLine {
  const deadlines: TicketDeadline[] = [judge('first_response', dueAfter(ticket.receivedAt, FIRST_RESPONSE[ticket.channel], clocks), ticket.firstResponseAt, clocks.asOf)];
  const confirmed = ticket.confirmedAt;
  if (confirmed !== undefined) {
    const on = clocks.wallClockClasses.has(ticket.class) ? 'wall' : 'working';
    const acknowledge = ACKNOWLEDGE[ticket.class];
    const acknowledgeDue = acknowledge === FRIDAY_REVIEW ? fridayReview(confirmed, clocks.calendar) : dueAfter(confirmed, { on, span: acknowledge }, clocks);
    // Resolving a ticket answers it too: a fix without a separate acknowledgement is on time if the fix is.
    deadlines.push(judge('acknowledge', acknowledgeDue, ticket.acknowledgedAt ?? ticket.resolvedAt, clocks.asOf));
    const resolve = RESOLVE[ticket.class];
    if (resolve !== undefined) deadlines.push(judge('resolve', dueAfter(confirmed, { on, span: resolve }, clocks), ticket.resolvedAt, clocks.asOf));
  }
  return { ref: ticket.id, class: ticket.class, channel: ticket.channel, receivedAt: ticket.receivedAt, deadlines };
}

/**
 * Met when done by the deadline. A fact recorded after `asOf` is not known yet at
 * asOf, so a statement for a past period reads as it would have then.
 */
function judge(deadline: TicketDeadlineKind, dueAt: number, doneAt: number | undefined, asOf: number): TicketDeadline {
  if (doneAt !== undefined && doneAt <= asOf) return { deadline, dueAt, outcome: doneAt <= dueAt ? 'met' : 'breached' };
  if (asOf > dueAt) return { deadline, dueAt, outcome: 'breached' };
  return { deadline, dueAt, outcome: 'pending', secondsLeft: dueAt - asOf };
}

function dueAfter(start: number, { on, span }: ClockSpan, clocks: TicketClocks): number {
  if (on === 'wall') return start + spanMinutes(span, 24 * 60) * 60;
  // docs/contract.md §2: a working day is one day's working hours, 08:00–17:45.
  return clocks.calendar.addWorkingMinutes(start, spanMinutes(span, WORKDAY_MINUTES));
}

function spanMinutes(span: Span, minutesPerDay: number): number {
  if ('minutes' in span) return span.minutes;
  if ('hours' in span) return span.hours * 60;
  return span.days * minutesPerDay;
}

/**
 * docs/contract.md §2: requests are reviewed on Fridays — acknowledged by 17:45 on
 * the first Friday whose working day ends after the agreement. A Friday that is
 * not a working day (Tet, a bridge day) moves the review to the next working day.
 */
export function fridayReview(agreedAt: number, calendar: WorkingCalendar): number {
  let date = calendar.localDate(agreedAt);
  while (date.dayOfWeek !== 5 || calendar.endOfWorkday(date) <= agreedAt) date = date.add({ days: 1 });
  for (let skipped = 0; !calendar.isWorkingDay(date); skipped++) {
    if (skipped > 366) throw new RangeError('no working day within a year of a Friday review: check extraDaysOff');
    date = date.add({ days: 1 });
  }
  return calendar.endOfWorkday(date);
}
