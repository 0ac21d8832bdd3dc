import type { MaintenanceKind } from '../domain/sets.ts';
import { nightFinder } from './local-night.ts';
import { dayOfMonth } from './zone-clock.ts';
import { MAINTENANCE_RULES, type Violation } from './maintenance-rules.ts';

export interface MaintenanceWindow {
  kind: MaintenanceKind;
  start: number;
  end: number;
  /** Every notice's instant, delivered or declared. */
  notices: readonly number[];
  /**
   * Those of `notices` taken from a delivery record (issue #15); the others are
   * an operator's word. Absent: none was delivered (a case file's bare instants).
   */
  delivered?: readonly number[];
}

/** Settings of the policy that judging a window reads beyond its zone and latestEnd. */
export interface JudgeSettings {
  /** docs/contract.md §3.1 Default: true — notices an operator declared count as well as delivered ones. */
  declaredNoticesCount: boolean;
}

const DEFAULT_SETTINGS: JudgeSettings = { declaredNoticesCount: true };

export interface MaintenanceVerdict {
  valid: boolean;
  violations: Violation[];
}

const HOUR = 3600;

/**
 * SLA §C.1 (docs/contract.md §3.1, docs/case-file.md): is a window valid for a
 * contract in `timeZone`? Violations come in docs/case-file.md's order: notice,
 * then hours, then day of month.
 */
export function judgeWindow(window: MaintenanceWindow, timeZone: string, latestEnd: Temporal.PlainTime, settings: JudgeSettings = DEFAULT_SETTINGS): MaintenanceVerdict {
  return windowJudge(timeZone, latestEnd, settings)(window);
}

/** `judgeWindow` for many windows of one zone, sharing the nights it works out. */
export function windowJudge(timeZone: string, latestEnd: Temporal.PlainTime, settings: JudgeSettings = DEFAULT_SETTINGS): (window: MaintenanceWindow) => MaintenanceVerdict {
  const nights = nightFinder(timeZone, latestEnd);
  return (window) => {
    const rule = MAINTENANCE_RULES[window.kind];
    const violations: Violation[] = [];
    const notice = settings.declaredNoticesCount ? noticeViolation(window, rule.noticeHours) : deliveredNoticeViolation(window, rule.noticeHours);
    if (notice !== undefined) violations.push(notice);

    const night = nights.containing(window.start, EARLIEST[window.kind]);
    if (night === undefined) violations.push('starts_outside_hours');
    else if (window.end > night.end) violations.push('ends_too_late');

    if (rule.daysOfMonth !== undefined) {
      // docs/case-file.md: the night's date D; when the start is in no night, the start's local date.
      const day = dayOfMonth(night?.day ?? nights.localDay(window.start));
      if (day < rule.daysOfMonth.first || day > rule.daysOfMonth.last) violations.push('wrong_day_of_month');
    }
    return { valid: violations.length === 0, violations };
  };
}

const EARLIEST = Object.fromEntries(
  Object.entries(MAINTENANCE_RULES).map(([kind, rule]) => [kind, Temporal.PlainTime.from(rule.earliest)]),
) as Record<MaintenanceKind, Temporal.PlainTime>;

/**
 * Only notices sent before the start count; two notices at the same instant
 * are one announcement. Each required lead (longest first) needs its own
 * notice: the longest missing is `notice_too_late`, a later one missing is
 * `second_notice_missing`.
 */
export function noticeViolation(window: Pick<MaintenanceWindow, 'start' | 'notices'>, noticeHours: readonly number[]): Violation | undefined {
  if (noticeHours.length === 0) return undefined;
  const leads = [...new Set(window.notices)]
    .filter((sent) => sent < window.start)
    .map((sent) => window.start - sent)
    .sort((a, b) => b - a);
  if (leads.length === 0) return 'notice_missing';
  for (const [i, hours] of noticeHours.entries()) {
    const lead = leads[i];
    if (lead === undefined || lead < hours * HOUR) return i === 0 ? 'notice_too_late' : 'second_notice_missing';
  }
  return undefined;
}

/**
 * Issue #15: a policy that does not count declared notices judges the
 * delivered ones only. When none was delivered but some were declared, the
 * violation says so (`notice_not_delivered`) rather than `notice_missing`: a
 * notice is on record, and the policy is why it does not count.
 */
function deliveredNoticeViolation(window: MaintenanceWindow, noticeHours: readonly number[]): Violation | undefined {
  const delivered = window.delivered ?? [];
  const violation = noticeViolation({ start: window.start, notices: delivered }, noticeHours);
  if (violation !== 'notice_missing') return violation;
  return window.notices.some((sent) => sent < window.start) ? 'notice_not_delivered' : violation;
}
