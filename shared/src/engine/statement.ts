import type { CreditAs, MaintenanceKind } from '../domain/sets.ts';
import type { Interval } from '../time/intervals.ts';
import type { BreachFigures } from './breach.ts';
import type { Exclusion } from './exclusions.ts';
import type { Violation } from './maintenance-rules.ts';
import type { TicketReport } from './ticket-report.ts';

// What the engine proposes (docs/case-file.md, "Output"), with exact figures
// (bigint) and the times a reader needs; statement-json.ts writes the
// documented JSON from it.

export const CREDIT_SOURCES = ['outage', 'repeat_bug', 'breach'] as const;
export type CreditSource = (typeof CREDIT_SOURCES)[number];

export interface OutageCredit {
  source: 'outage';
  ref: string;
  /** docs/contract.md §1.5: the operator who recorded the outage; absent for one the prober detected. */
  recordedBy?: string;
  /** The outage's own start: lines are ordered by it. */
  at: number;
  /** The outage clipped to the period. */
  span: Interval;
  outageSeconds: number;
  creditableSeconds: number;
  excluded: readonly Exclusion[];
  blocks: string;
  licenseSeconds: bigint;
  amountVnd: bigint;
}

export interface RepeatBugCredit {
  source: 'repeat_bug';
  ref: string;
  /** The occurrence's reportedAt: lines are ordered by it. */
  at: number;
  occurrence: number;
  licenseSeconds: bigint;
  amountVnd: bigint;
}

/** docs/contract.md §1.3: an approved confidentiality breach, paid in money (licenseSeconds is always 0). */
export interface BreachCredit extends BreachFigures {
  source: 'breach';
  ref: string;
  /** The breach's instant: lines are ordered by it. */
  at: number;
  licenseSeconds: bigint;
}

export type CreditLine = OutageCredit | RepeatBugCredit | BreachCredit;

/** One verdict per window and time zone, shared by the contracts of that zone: read-only. */
export interface WindowVerdict {
  readonly ref: string;
  readonly kind: MaintenanceKind;
  readonly span: Interval;
  readonly valid: boolean;
  readonly violations: readonly Violation[];
  /** Issue #15: instants of the notices an operator declared, with no delivery record behind them. */
  readonly declaredNotices: readonly number[];
}

export interface ContractStatement {
  id: string;
  creditAs: CreditAs;
  timeZone: string;
  credits: CreditLine[];
  maintenance: WindowVerdict[];
  /** docs/contract.md §2: present when the case file has a `tickets` list. */
  tickets?: TicketReport;
  /** docs/contract.md §4: present when the contract lists its renewals. */
  renewals?: RenewalLine[];
  totals: { licenseSeconds: bigint; amountVnd: bigint };
}

export interface Statement {
  policyVersion: string;
  period: Interval | undefined;
  /** The policy's `latestEnd` (HH:MM), to explain window verdicts. */
  latestEnd: string;
  contracts: ContractStatement[];
}

/**
 * docs/case-file.md: lines by time (outage start / occurrence reportedAt), then ref.
 * Refs compare by code unit, not locale, so the order is the same on every
 * machine; remaining ties (an outage and a bug sharing a ref and an instant)
 * put outages first, then occurrences in order.
 */
export function compareLines(a: CreditLine, b: CreditLine): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.ref !== b.ref) return a.ref < b.ref ? -1 : 1;
  if (a.source !== b.source) return CREDIT_SOURCES.indexOf(a.source) - CREDIT_SOURCES.indexOf(b.source);
  return (a.source === 'repeat_bug' ? a.occurrence : 0) - (b.source === 'repeat_bug' ? b.occurrence : 0);
}

/** docs/case-file.md: totals add the lines. */
export function totals(lines: readonly CreditLine[]): ContractStatement['totals'] {
  let licenseSeconds = 0n;
  let amountVnd = 0n;
  for (const line of lines) {
    licenseSeconds += line.licenseSeconds;
    amountVnd += line.amountVnd;
  }
  return { licenseSeconds, amountVnd };
}

/** docs/contract.md §4: one renewal's deduction of what the contract is owed, and where the rest went (engine/renewal-ledger.ts). */
export interface RenewalLine {
  at: number;
  feeVnd: bigint;
  /** Carried in from the previous renewal plus the money lines since it, before `at`. */
  owedVnd: bigint;
  /** What this renewal's fee absorbs: at most the fee. */
  deductedVnd: bigint;
  /** The fee less the deduction: what the customer pays. */
  payVnd: bigint;
  /** `carry`: the excess, owed at the next renewal. */
  carriedVnd: bigint;
  /** `license_time`: the excess as whole days at fee ÷ daysPerYear, rounded once, half up. */
  licenseDays: bigint;
}
