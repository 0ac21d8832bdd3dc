import type { CaseBug, CaseContract } from '../case-file/schema.ts';
import type { Policy } from '../policy/policy.ts';
import type { Interval } from '../time/intervals.ts';
import { isInPeriod } from './period.ts';
import { fineLicenseSeconds, fineVnd, occurrences } from './repeat-bug.ts';
import type { RepeatBugCredit } from './statement.ts';

/**
 * docs/contract.md §1.2: a line per recurrence (occurrence ≥ 2). Occurrences are
 * counted over the bug's whole history; with a period, only those reported
 * inside it get a line (docs/case-file.md).
 */
export function bugLines(contract: CaseContract, bugs: readonly CaseBug[], policy: Policy, period: Interval | undefined): RepeatBugCredit[] {
  const lines: RepeatBugCredit[] = [];
  for (const bug of bugs) {
    for (const { n, reportedAt } of occurrences(bug.occurrences)) {
      if (n < 2 || !isInPeriod(reportedAt, period)) continue;
      const fine = fineVnd(n, policy.fineBaseVnd);
      lines.push({
        source: 'repeat_bug',
        ref: bug.id,
        at: reportedAt,
        occurrence: n,
        licenseSeconds: fineLicenseSeconds(fine, contract.annualFeeVnd, policy.fineLicenseRounding, policy.daysPerYear),
        amountVnd: fine,
      });
    }
  }
  return lines;
}
