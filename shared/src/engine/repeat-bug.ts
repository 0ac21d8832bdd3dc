import { divideCeil } from '../money/vnd.ts';
import { DAYS_PER_YEAR, type FineLicenseRounding } from '../policy/policy.ts';

export interface BugReport {
  reportedAt: number;
  fixedAt?: number | undefined;
}

export interface Occurrence {
  /** 1 for the first time the bug shows, 2 for its first recurrence, … */
  n: number;
  reportedAt: number;
  /** When it was fixed: the latest fixedAt among its reports; undefined while unfixed. */
  fixedAt: number | undefined;
  /** The indexes, in the input, of the reports it is made of (the first, and any folded in). */
  reports: number[];
}

/**
 * docs/contract.md §1.2: a report is a recurrence only when it comes after a
 * recorded fix of the previous occurrence. Reports are taken in reportedAt
 * order (ties in input order); a report while the bug is still unfixed — or
 * at the very instant of its fix — joins the current occurrence, and its
 * fixedAt, if any, closes it.
 */
export function occurrences(reports: readonly BugReport[]): Occurrence[] {
  const sorted = reports.map((report, index) => ({ report, index })).sort((a, b) => a.report.reportedAt - b.report.reportedAt);
  const out: Occurrence[] = [];
  for (const { report, index } of sorted) {
    const current = out.at(-1);
    if (current === undefined || (current.fixedAt !== undefined && report.reportedAt > current.fixedAt)) {
      out.push({ n: out.length + 1, reportedAt: report.reportedAt, fixedAt: report.fixedAt, reports: [index] });
    } else {
      current.reports.push(index);
      if (report.fixedAt !== undefined) current.fixedAt = current.fixedAt === undefined ? report.fixedAt : Math.max(current.fixedAt, report.fixedAt);
    }
  }
  return out;
}

/** docs/contract.md §1.2: occurrence n ≥ 2 costs fineBase × 2^(n−2); the first costs nothing. Exact for any n (bigint). */
export function fineVnd(n: number, fineBaseVnd: bigint): bigint {
  return n < 2 ? 0n : fineBaseVnd * 2n ** BigInt(n - 2);
}

const DAY = 86_400n;
const HOUR = 3_600n;

/**
 * docs/contract.md §1.2: a fine as license time = fine ÷ daily rate, daily rate =
 * annual fee ÷ daysPerYear (365 by default); rounded up to a whole hour by
 * default, or to a second.
 */
export function fineLicenseSeconds(fine: bigint, annualFeeVnd: bigint, rounding: FineLicenseRounding, daysPerYear: number = DAYS_PER_YEAR): bigint {
  const numerator = fine * BigInt(daysPerYear) * DAY;
  return rounding === 'hour_up' ? divideCeil(numerator, annualFeeVnd * HOUR) * HOUR : divideCeil(numerator, annualFeeVnd);
}
