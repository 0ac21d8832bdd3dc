import type { MaintenanceKind } from '../domain/sets.ts';
import { durationText } from '../time/duration-parts.ts';
import type { ExclusionReason } from './exclusions.ts';
import { MAINTENANCE_RULES, type Violation } from './maintenance-rules.ts';

// The statement in words, each rule with the clause a reader can check it
// against (docs/contract.md section, and the original's where it has one).

export const SECTIONS = {
  outage: 'SLA §C.5, docs/contract.md §1.1',
  repeat_bug: 'SLA §C.5, docs/contract.md §1.2',
  breach: 'terms §4, docs/contract.md §1.3',
  not_active: 'terms §2, docs/contract.md §1.4',
  before_policy: 'docs/contract.md §6',
  force_majeure: 'terms §11, docs/contract.md §3.2',
  maintenance: 'SLA §C.1, docs/contract.md §3.1',
} as const;

export function exclusionWords(reason: ExclusionReason, ref: string): string {
  switch (reason) {
    case 'not_active':
      return `the contract was ${ref}, not active (${SECTIONS.not_active})`;
    case 'before_policy':
      return `before policy ${ref} took effect (${SECTIONS.before_policy})`;
    case 'force_majeure':
      return `approved force majeure ${ref} (${SECTIONS.force_majeure})`;
    case 'maintenance':
      return `valid maintenance window ${ref} (${SECTIONS.maintenance})`;
  }
}

/** The rule a window broke, in words, from the same table the verdict uses. */
export function violationWords(violation: Violation, kind: MaintenanceKind, latestEnd: string): string {
  const rule = MAINTENANCE_RULES[kind];
  const needs = `${kind.replace('_', ' ')} needs ${noticeNeeds(rule.noticeHours)}`;
  switch (violation) {
    case 'notice_missing':
      return `no notice before the start; ${needs}`;
    case 'notice_not_delivered':
      return `every notice was declared by an operator, none delivered, and this policy counts only delivered ones; ${needs}`;
    case 'notice_too_late':
      return `notices came, but none early enough; ${needs}`;
    case 'second_notice_missing':
      return `no second notice early enough; ${needs}`;
    case 'starts_outside_hours':
      return `starts outside the allowed hours: at or after ${rule.earliest} local time, ending by ${latestEnd}`;
    case 'ends_too_late':
      return `runs past ${latestEnd} local time, the end of its night`;
    case 'wrong_day_of_month':
      return rule.daysOfMonth === undefined
        ? 'on a day of the month its kind does not allow'
        : `only on nights of days ${rule.daysOfMonth.first}–${rule.daysOfMonth.last} of the month`;
  }
}

function noticeNeeds(hours: readonly number[]): string {
  if (hours.length === 0) return 'no notice';
  const [first, ...more] = hours.map((h) => `≥ ${h} h`);
  return `${[`one ${first}`, ...more.map((h) => `another ${h}`)].join(' and ')} before the start`;
}

const UNIT = { day: '', hour: 'h', minute: 'min', second: 's' } as const;

/** `1 day 12 h`, `2 h 30 min`, `45 s`: whole units, largest first; `0 s` for nothing. */
export function durationWords(seconds: bigint | number): string {
  return durationText(BigInt(seconds), (n, part) => (part === 'day' ? `${n} ${n === 1n ? 'day' : 'days'}` : `${n} ${UNIT[part]}`), '0 s');
}
