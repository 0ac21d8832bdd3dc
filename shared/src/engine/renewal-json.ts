import type { RenewalLine } from './statement.ts';

// docs/case-file.md "Output": one renewal of a contract's `renewals`, money as strings of digits.

export function renewalJson(line: RenewalLine) {
  return {
    at: Temporal.Instant.fromEpochMilliseconds(line.at * 1000).toString(),
    feeVnd: line.feeVnd.toString(),
    owedVnd: line.owedVnd.toString(),
    deductedVnd: line.deductedVnd.toString(),
    payVnd: line.payVnd.toString(),
    carriedVnd: line.carriedVnd.toString(),
    licenseDays: Number(line.licenseDays),
  };
}
