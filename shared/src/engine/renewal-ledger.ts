import type { CaseContract } from '../case-file/schema.ts';
import { DAYS_PER_YEAR, type Policy } from '../policy/policy.ts';
import type { CreditLine, RenewalLine } from './statement.ts';

// docs/contract.md §4: what each renewal deducts of the money a contract is
// owed, and what happens to the part its fee cannot absorb — carried to the
// next renewal (Default), or paid as license time at the renewal's daily rate.
// Never dropped. Money lines are every line of a contract credited as
// `renewal`, and breach lines whatever `creditAs` (§1.3).

export function renewalLines(contract: CaseContract, credits: readonly CreditLine[], policy: Policy): RenewalLine[] | undefined {
  if (contract.renewals === undefined) return undefined;
  const money = credits.filter((line) => contract.creditAs === 'renewal' || line.source === 'breach');
  const renewals = [...contract.renewals].sort((a, b) => a.at - b.at);
  const out: RenewalLine[] = [];
  let carried = 0n;
  let from = Number.NEGATIVE_INFINITY;
  for (const renewal of renewals) {
    let owed = carried;
    for (const line of money) if (line.at >= from && line.at < renewal.at) owed += line.amountVnd;
    // At most the fee (bigint: Math.min does not take it).
    const excess = owed > renewal.feeVnd ? owed - renewal.feeVnd : 0n;
    const deducted = owed - excess;
    const asTime = policy.excessCredit === 'license_time';
    out.push({
      at: renewal.at,
      feeVnd: renewal.feeVnd,
      owedVnd: owed,
      deductedVnd: deducted,
      payVnd: renewal.feeVnd - deducted,
      carriedVnd: asTime ? 0n : excess,
      licenseDays: asTime ? excessLicenseDays(excess, renewal.feeVnd, policy.daysPerYear) : 0n,
    });
    carried = asTime ? 0n : excess;
    from = renewal.at;
  }
  return out;
}

/** excess ÷ (fee ÷ daysPerYear) days, rounded half up once: the division is done last (the daemon's renewals.ts too). */
export function excessLicenseDays(excess: bigint, feeVnd: bigint, daysPerYear: number = DAYS_PER_YEAR): bigint {
  const numerator = excess * BigInt(daysPerYear);
  return (2n * numerator + feeVnd) / (2n * feeVnd);
}
