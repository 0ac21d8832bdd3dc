import type { MaintenanceKind } from '../domain/sets.ts';

// SLA §C.1 (docs/contract.md §3.1): each kind of scheduled work, its notice and
// its hours. These are the contract's terms; only `latestEnd` is a setting.

export interface MaintenanceRule {
  /** Local time a window may start at, at the earliest, on its night. */
  earliest: string;
  /** Notices needed before the start, in hours, longest first; one notice per entry. */
  noticeHours: readonly number[];
  /** Days of the month the night may fall on, when restricted. */
  daysOfMonth?: { first: number; last: number };
}

export const MAINTENANCE_RULES: Record<MaintenanceKind, MaintenanceRule> = {
  minor_update: { earliest: '19:00', noticeHours: [] },
  infrastructure: { earliest: '22:00', noticeHours: [24] },
  // The backup night starts at midnight, so "the next latestEnd" is the same morning.
  backup: { earliest: '00:00', noticeHours: [] },
  version_upgrade: { earliest: '22:00', noticeHours: [72, 24], daysOfMonth: { first: 11, last: 25 } },
};

/** docs/case-file.md: violations, listed in this order. */
export const VIOLATIONS = [
  'notice_missing',
  // Issue #15: notices before the start, all declared, under a policy that counts only delivered ones.
  'notice_not_delivered',
  'notice_too_late',
  'second_notice_missing',
  'starts_outside_hours',
  'ends_too_late',
  'wrong_day_of_month',
] as const;
export type Violation = (typeof VIOLATIONS)[number];
