import type { TicketChannel, TicketClass } from '../domain/sets.ts';

// SLA §A, §C.3 (docs/contract.md §2): how long each of a ticket's clocks runs.
// A span is written as the contract writes it (minutes, hours, days); whether it
// runs on the wall clock or in working hours is decided in ticket-clocks.ts.

export type Span = { minutes: number } | { hours: number } | { days: number };
/** A span on the wall clock, or in working hours: the contract names both. */
export type ClockSpan = { on: 'wall' | 'working'; span: Span };
/** Acknowledge by the end of the working day of the first Friday after agreement (docs/contract.md §2). */
export const FRIDAY_REVIEW = 'friday_review';

/** SLA §C.3: first response per channel, from receipt; e-mail and the forum count working hours only. */
export const FIRST_RESPONSE: Record<TicketChannel, ClockSpan> = {
  hotline: { on: 'wall', span: { minutes: 1 } },
  live_chat: { on: 'wall', span: { minutes: 1 } },
  ticket: { on: 'wall', span: { minutes: 10 } },
  email: { on: 'working', span: { hours: 1 } },
  community: { on: 'working', span: { hours: 1 } },
};

/** SLA §A: acknowledge, from confirmation (or agreement, for requests). */
export const ACKNOWLEDGE: Record<TicketClass, Span | typeof FRIDAY_REVIEW> = {
  very_critical: { minutes: 30 },
  critical: { hours: 4 },
  normal: { days: 1 },
  attribute_addition: FRIDAY_REVIEW,
  experience_improvement: FRIDAY_REVIEW,
  upgrade: FRIDAY_REVIEW,
};

/** SLA §A: resolve, from confirmation; experience improvements and upgrades have no committed date. */
export const RESOLVE: Record<TicketClass, Span | undefined> = {
  very_critical: { hours: 6 },
  critical: { days: 5 },
  normal: { days: 7 },
  attribute_addition: { days: 7 },
  experience_improvement: undefined,
  upgrade: undefined,
};
