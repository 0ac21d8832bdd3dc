import type { CreditAs, TicketClass, TicketDeadlineKind } from '../../domain/sets.ts';
import type { ExclusionReason } from '../../engine/exclusions.ts';

// English words of the credit statement (issue #16). statement-vi.ts has the
// same keys (its type is this one's). Clauses are cited as docs/contract.md
// and the SLA number them, so a reader can check each figure.

const s = (n: bigint, one: string, many: string) => `${n} ${n === 1n || n === -1n ? one : many}`;

export const statementEn = {
  htmlLang: 'en',
  title: 'SLA credit statement',
  number: 'Statement number',
  issuedOn: 'Issued on',
  issuer: 'Issued by',
  address: 'Address',
  taxCode: 'Tax code',
  vendorMissing: 'Vendor not configured (config `vendor`: name, address, tax code)',
  customer: 'Customer',
  contract: 'Contract',
  period: 'Period',
  allTime: 'all recorded time',
  timeZone: 'Time zone',
  annualFee: 'Annual fee',
  paidAs: 'Credits paid as',
  creditAs: { license: 'extra license time', renewal: 'a deduction from the renewal' } satisfies Record<CreditAs, string>,
  renewals: 'Renewals',
  noRenewal: 'none yet',
  renewal: (id: number, from: string, to: string) => `renewal #${id}, ${from} – ${to}`,
  nextRenewal: (at: string) => `next renewal ${at}`,
  policy: (version: string) => `Policy ${version} (SLA §C.5: every 2 hours of stoppage = ½ day of subscription)`,
  /** `dd/mm/yyyy` and `HH:mm` on the contract's clock. */
  instant: (date: string, time: string) => `${date} ${time}`,
  columns: { line: 'Line', state: 'Ledger state', license: 'License time', amount: 'Amount' },
  state: {
    proposed: (who: string, at: string) => `proposed by ${who}, ${at}`,
    approved: (who: string, at: string) => `approved by ${who}, ${at}`,
    rejected: (who: string, at: string) => `rejected by ${who}, ${at}`,
    applied: (who: string, at: string, renewal: number) => `applied by ${who}, ${at}, to renewal #${renewal}`,
    reason: (text: string) => `reason: ${text}`,
    unrecorded: 'not in the ledger yet',
    nothingOwed: 'owes nothing: never entered in the ledger',
  },
  line: {
    outage: (ref: string, from: string, to: string) => `Outage ${ref}, ${from} – ${to}`,
    // docs/contract.md §1.5: an outage seen elsewhere says who recorded it.
    recordedBy: (who: string) => ` (recorded by ${who})`,
    outageFigures: (creditable: string, blocks: string) => `creditable ${creditable}, ${blocks} blocks of 2 hours (SLA §C.5, docs/contract.md §1.1)`,
    excluded: (what: string) => `excluded: ${what}`,
    exclusion: {
      not_active: 'contract not active (terms §2, docs/contract.md §1.4)',
      before_policy: 'before the policy took effect (docs/contract.md §6)',
      force_majeure: 'approved force majeure (terms §11, docs/contract.md §3.2)',
      maintenance: 'valid maintenance window (SLA §C.1, docs/contract.md §3.1)',
    } satisfies Record<ExclusionReason, string>,
    repeatBug: (ref: string, occurrence: number) => `Repeat bug ${ref}, occurrence ${occurrence} (the fine doubles from the 2nd; SLA §C.5, docs/contract.md §1.2)`,
    breach: (ref: string, value: string, refund: string, used: number, term: number) =>
      `Confidentiality breach ${ref}: value to date ${value} + refund of the prepaid term ${refund} (${used} of ${term} days used; terms §4, docs/contract.md §1.3)`,
    carried: (renewal: number) => `Carried forward from renewal #${renewal}: the deductions its fee could not absorb (docs/contract.md §4)`,
    reversal: (id: number) => `Reversal of entry #${id}: the facts changed after it was approved (docs/contract.md §4)`,
  },
  none: 'No line in this period.',
  equivalent: 'Each line is paid in one figure; the other, in brackets, is its equivalent and is not added up.',
  totals: {
    approved: 'Approved, not yet applied — owed at the next renewal',
    applied: 'Applied to a renewal (it deducts up to its fee; the rest is a carried-forward line of its own)',
    proposed: 'Proposed — awaiting an approver, not owed yet',
    rejected: (n: number) => `${n} rejected ${n === 1 ? 'line' : 'lines'}, struck through above, not counted`,
  },
  time: (n: bigint, part: 'day' | 'hour' | 'minute' | 'second') =>
    ({ day: s(n, 'day', 'days'), hour: s(n, 'hour', 'hours'), minute: s(n, 'minute', 'minutes'), second: s(n, 'second', 'seconds') })[part],
  zeroTime: '0 hours',
  tickets: {
    title: (asOf: string) => `Tickets, as of ${asOf} (SLA §A, §C.3, docs/contract.md §2)`,
    none: 'No ticket received in this period.',
    columns: { class: 'Class', deadline: 'Deadline', met: 'Met', breached: 'Breached', pending: 'Pending' },
    class: {
      very_critical: 'Very critical', critical: 'Critical', normal: 'Normal',
      attribute_addition: 'Attribute addition', experience_improvement: 'Experience improvement', upgrade: 'Upgrade',
    } satisfies Record<TicketClass, string>,
    deadline: { first_response: 'First response', acknowledge: 'Acknowledge', resolve: 'Resolve' } satisfies Record<TicketDeadlineKind, string>,
  },
  maintenance: { title: 'Maintenance windows', valid: 'valid', invalid: 'invalid', none: 'None.', declared: (when: string) => `declared notices (no delivery record): ${when}` },
};

export type StatementDictionary = typeof statementEn;
