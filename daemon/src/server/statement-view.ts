import { CREDIT_AS, EXCLUSION_REASONS, TICKET_CHANNELS, TICKET_CLASSES, TICKET_DEADLINES, TICKET_OUTCOMES, VIOLATIONS } from '@sla/shared';
import { z } from 'zod';
import { vndDigits } from './view-fields.ts';

// GET /api/v1/contracts/:id/statement?format=json, as docs/case-file.md
// "Output (--json)" writes it: the document's body (issue #19).

const outageLine = z.strictObject({
  source: z.literal('outage'),
  ref: z.string(),
  recordedBy: z.string().optional().describe('docs/contract.md §1.5: the operator who recorded the outage; absent for one the prober detected'),
  outageSeconds: z.number().int(),
  creditableSeconds: z.number().int(),
  excluded: z.array(z.strictObject({ reason: z.enum(EXCLUSION_REASONS), ref: z.string(), seconds: z.number().int() })),
  blocks: z.string().regex(/^\d+(\.\d{1,6})?$/).describe('a decimal string; prorata gives up to 6 decimals'),
  licenseSeconds: z.number().int(),
  amountVnd: vndDigits,
});
const bugLine = z.strictObject({ source: z.literal('repeat_bug'), ref: z.string(), occurrence: z.number().int().min(1), licenseSeconds: z.number().int(), amountVnd: vndDigits });
// docs/contract.md §1.3: value to date + refund of the prepaid term = amountVnd; paid as money, licenseSeconds 0.
const breachLine = z.strictObject({
  source: z.literal('breach'),
  ref: z.string(),
  termsEnded: z.number().int().min(0),
  usedDays: z.number().int().min(0),
  termDays: z.number().int().min(1),
  valueVnd: vndDigits,
  refundVnd: vndDigits,
  licenseSeconds: z.literal(0),
  amountVnd: vndDigits,
});

// docs/contract.md §4: per renewal, what its fee absorbed and where the rest went (carried, or license days).
const renewalLine = z.strictObject({
  at: z.iso.datetime(),
  feeVnd: vndDigits,
  owedVnd: vndDigits,
  deductedVnd: vndDigits,
  payVnd: vndDigits,
  carriedVnd: vndDigits.describe('excessCredit carry (Default): owed at the next renewal'),
  licenseDays: z.number().int().min(0).describe('excessCredit license_time: the rest as license days, half up'),
});

// docs/contract.md §2: each ticket's deadlines read at asOf, and the counts per class and deadline.
const ticketReport = z.strictObject({
  asOf: z.iso.datetime(),
  lines: z.array(
    z.strictObject({
      ref: z.string(),
      class: z.enum(TICKET_CLASSES),
      channel: z.enum(TICKET_CHANNELS),
      deadlines: z.array(z.strictObject({ deadline: z.enum(TICKET_DEADLINES), dueAt: z.iso.datetime(), outcome: z.enum(TICKET_OUTCOMES), secondsLeft: z.number().int().optional() })),
    }),
  ),
  counts: z.array(z.strictObject({ class: z.enum(TICKET_CLASSES), deadline: z.enum(TICKET_DEADLINES), met: z.number().int().min(0), breached: z.number().int().min(0), pending: z.number().int().min(0) })),
});

export const contractStatementView = z.strictObject({
  id: z.string(),
  creditAs: z.enum(CREDIT_AS),
  credits: z.array(z.discriminatedUnion('source', [outageLine, bugLine, breachLine])),
  // Issue #15: present when some notice of the window was declared by an operator.
  maintenance: z.array(z.strictObject({ ref: z.string(), valid: z.boolean(), violations: z.array(z.enum(VIOLATIONS)), declaredNotices: z.array(z.string()).optional() })),
  renewals: z.array(renewalLine).optional().describe('only when the contract has renewals'),
  tickets: ticketReport.optional().describe('only when the case file lists tickets'),
  totals: z.strictObject({ licenseSeconds: z.number().int(), amountVnd: vndDigits }),
});

export const statementView = z.strictObject({ policyVersion: z.string(), contracts: z.array(contractStatementView) });
