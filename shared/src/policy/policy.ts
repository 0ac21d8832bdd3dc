import { z } from 'zod';
import { calendarDate, instantSeconds, localTime, vndAmount } from '../case-file/fields.ts';
import { TICKET_CLASSES } from '../domain/sets.ts';

// The SLA's rules that the originals leave open, as settings with their
// defaults as data (docs/contract.md: every **Default** is a setting). The
// contract's fixed terms (2 h blocks, ½ day per block) are constants below.

export const BLOCK_ROUNDINGS = ['floor', 'ceil', 'prorata'] as const;
export type BlockRounding = (typeof BLOCK_ROUNDINGS)[number];

export const EXCESS_CREDITS = ['carry', 'license_time'] as const;
export type ExcessCredit = (typeof EXCESS_CREDITS)[number];

export const FINE_LICENSE_ROUNDINGS = ['hour_up', 'second'] as const;
export type FineLicenseRounding = (typeof FINE_LICENSE_ROUNDINGS)[number];

/** The defaults, written as a case file writes them (docs/case-file.md, `policy`). */
export const POLICY_DEFAULTS = {
  version: '1office-sla-2025',
  // docs/contract.md §6: this policy is in force from 2025-01-01.
  effectiveFrom: '2025-01-01T00:00:00+07:00',
  // docs/contract.md §1.1 Default: per outage, whole blocks only.
  blockRounding: 'floor',
  // docs/contract.md §3.1 Default: every window ends by 06:00 local the next morning.
  latestEnd: '06:00',
  // docs/contract.md §3.1 Default: a notice an operator declared counts as one the product delivered.
  declaredNoticesCount: true,
  // docs/contract.md §1.4 Default: nothing owed while paused.
  pausedEarnsCredits: false,
  // docs/contract.md §3.2 Default: force majeure needs a second, different operator.
  forceMajeureNeedsSecondApprover: true,
  // docs/contract.md §1.1 Default: daily rate = annual fee ÷ 365 (money per block, fines as license time, carried days).
  daysPerYear: 365,
  // docs/contract.md §1.2: 500,000 VND at the 2nd occurrence.
  fineBaseVnd: '500000',
  // docs/contract.md §1.2 Default: fine as license time rounded up to the whole hour.
  fineLicenseRounding: 'hour_up',
  // docs/contract.md §1.3 Default: the breach day counts as a used day of the prepaid term.
  breachDayUsed: true,
  // docs/contract.md §2 Default: very critical tickets run on the wall clock, the others in working time.
  ticketWallClockClasses: ['very_critical'],
  // docs/contract.md §2: the government's yearly bridge days off and compensating working days.
  extraDaysOff: [],
  extraWorkingDays: [],
  // docs/contract.md §4 Default: money a renewal's fee cannot absorb is carried to the next renewal.
  excessCredit: 'carry',
} as const;

export const policySchema = z.strictObject({
  version: z.string().min(1).prefault(POLICY_DEFAULTS.version),
  effectiveFrom: instantSeconds.prefault(POLICY_DEFAULTS.effectiveFrom),
  blockRounding: z.enum(BLOCK_ROUNDINGS).prefault(POLICY_DEFAULTS.blockRounding),
  latestEnd: localTime.prefault(POLICY_DEFAULTS.latestEnd),
  declaredNoticesCount: z.boolean().prefault(POLICY_DEFAULTS.declaredNoticesCount),
  pausedEarnsCredits: z.boolean().prefault(POLICY_DEFAULTS.pausedEarnsCredits),
  forceMajeureNeedsSecondApprover: z.boolean().prefault(POLICY_DEFAULTS.forceMajeureNeedsSecondApprover),
  daysPerYear: z.number().int().min(1).max(1000).prefault(POLICY_DEFAULTS.daysPerYear),
  fineBaseVnd: vndAmount.prefault(POLICY_DEFAULTS.fineBaseVnd),
  fineLicenseRounding: z.enum(FINE_LICENSE_ROUNDINGS).prefault(POLICY_DEFAULTS.fineLicenseRounding),
  breachDayUsed: z.boolean().prefault(POLICY_DEFAULTS.breachDayUsed),
  ticketWallClockClasses: z.array(z.enum(TICKET_CLASSES)).prefault([...POLICY_DEFAULTS.ticketWallClockClasses]),
  extraDaysOff: z.array(calendarDate).prefault([]),
  extraWorkingDays: z.array(calendarDate).prefault([]),
  excessCredit: z.enum(EXCESS_CREDITS).prefault(POLICY_DEFAULTS.excessCredit),
}).superRefine((policy, ctx) => {
  // One date cannot be both: which list wins would be a guess.
  const off = new Set(policy.extraDaysOff);
  policy.extraWorkingDays.forEach((date, i) => {
    if (off.has(date)) ctx.addIssue({ code: 'custom', path: ['extraWorkingDays', i], message: `${date} is also in extraDaysOff` });
  });
});

/** The policy as the engine uses it: instants in epoch seconds, money in bigint VND. */
export type Policy = z.output<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/** The default policy, parsed; overrides are applied by parsing a partial policy. */
export function parsePolicy(input: PolicyInput = {}): Policy {
  return policySchema.parse(input);
}

// SLA §C.5 (docs/contract.md §1.1): every 2 hours of stoppage = ½ day of subscription.
export const BLOCK_SECONDS = 2 * 3600;
export const LICENSE_SECONDS_PER_BLOCK = 12 * 3600;
// docs/contract.md §1.1 Default: daily rate = annual fee / 365, so ½ day = fee / 730;
// the policy's `daysPerYear` sets the divisor, this is its default.
export const DAYS_PER_YEAR = POLICY_DEFAULTS.daysPerYear;
