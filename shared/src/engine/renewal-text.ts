import { formatVnd } from '../money/vnd.ts';
import type { RenewalLine } from './statement.ts';

// A contract's renewals for a person to read (docs/contract.md §4): what each
// deducted, and whether the rest is carried to the next renewal or paid as license time.

export function renewalText(lines: readonly RenewalLine[], timeZone: string, instantText: (seconds: number, timeZone: string) => string): string[] {
  const out = ['  Renewals (docs/contract.md §4)'];
  if (lines.length === 0) out.push('    none');
  for (const r of lines) {
    out.push(`    ${instantText(r.at, timeZone)}  fee ${formatVnd(r.feeVnd)}, owed ${formatVnd(r.owedVnd)}, deducted ${formatVnd(r.deductedVnd)}, to pay ${formatVnd(r.payVnd)}`);
    if (r.carriedVnd > 0n) out.push(`      ${formatVnd(r.carriedVnd)} carried to the next renewal`);
    const rest = r.owedVnd - r.deductedVnd;
    if (rest > 0n && r.carriedVnd === 0n) out.push(`      the rest, ${formatVnd(rest)}, paid as ${r.licenseDays} days of license time`);
  }
  return out;
}
