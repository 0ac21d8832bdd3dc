import type { CaseBreach, CaseContract } from '../case-file/schema.ts';
import type { Policy } from '../policy/policy.ts';
import type { Interval } from '../time/intervals.ts';
import { breachFigures } from './breach.ts';
import { isInPeriod } from './period.ts';
import type { BreachCredit } from './statement.ts';

/**
 * Terms §4 (docs/contract.md §1.3): an operator declares a breach; it is owed
 * only once a second, different operator approved it, as force majeure is
 * excused (§3.2) — here always, since it moves the largest sum the contract
 * knows. With a period, a breach belongs to it when it happened inside it.
 * It is owed whatever the contract's state: confidentiality binds a paused
 * contract too. checks.ts makes sure every contract with a breach has a
 * signing instant on or before it.
 */
export function breachLines(contract: CaseContract, breaches: readonly CaseBreach[], policy: Policy, period: Interval | undefined): BreachCredit[] {
  const signedAt = contract.signedAt ?? contract.states[0]?.from;
  if (signedAt === undefined) return [];
  return breaches
    .filter((b) => b.approvedBy !== undefined && b.approvedBy !== b.declaredBy && isInPeriod(b.at, period))
    .map((b) => ({
      source: 'breach',
      ref: b.id,
      at: b.at,
      ...breachFigures(contract.annualFeeVnd, contract.timeZone, signedAt, b.at, policy.breachDayUsed),
      // Money, whatever the contract's creditAs: terms §4 prices the breach in the contract's value, not in license time.
      licenseSeconds: 0n,
    }));
}
