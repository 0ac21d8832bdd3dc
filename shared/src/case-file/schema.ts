import { z } from 'zod';
import {
  CONTRACT_STATES,
  CREDIT_AS,
  FORCE_MAJEURE_CATEGORIES,
  IMPACTS,
  MAINTENANCE_KINDS,
  NOTICE_PROVENANCES,
  OUTAGE_CLASSES,
  TICKET_CHANNELS,
  TICKET_CLASSES,
  TIERS,
} from '../domain/sets.ts';
import { policySchema } from '../policy/policy.ts';
import { occurrenceEnd } from '../engine/recurrence.ts';
import { instantSeconds, timeZoneId, vndAmount } from './fields.ts';
import { recurrenceSchema } from './recurrence.ts';

// The shape of a case file (docs/case-file.md, "Input"). Cross-field rules (ends
// before starts, references, duplicate ids, state order) are in checks.ts,
// run on the raw document beside this schema so every problem shows at once.

/** Case-file ids are the operator's own (`C-1`, `M-ok`): any non-empty text. */
const id = z.string().min(1);

const component = z.strictObject({ id, tier: z.enum(TIERS) });

const contractState = z.strictObject({ state: z.enum(CONTRACT_STATES), from: instantSeconds });

const contract = z.strictObject({
  id,
  // docs/contract.md §6 Default: contracts live in Vietnam's time zone.
  timeZone: timeZoneId.prefault('Asia/Ho_Chi_Minh'),
  annualFeeVnd: vndAmount.refine((fee) => fee > 0n, 'must be more than 0'),
  components: z.array(id),
  // Ordered by `from`; time before the first state counts as deployment.
  states: z.array(contractState).prefault([]),
  creditAs: z.enum(CREDIT_AS),
  /** docs/contract.md §1.3: when it was signed; default: its first state's `from` (deployment begins at signing, terms §2). */
  signedAt: instantSeconds.optional(),
  /** docs/contract.md §4: the 12-month renewals, each with its fee; money credits are deducted from them. */
  renewals: z.array(z.strictObject({ at: instantSeconds, feeVnd: vndAmount.refine((fee) => fee > 0n, 'must be more than 0') })).optional(),
});

const outage = z.strictObject({
  id,
  component: id,
  impact: z.enum(IMPACTS),
  start: instantSeconds,
  end: instantSeconds,
  class: z.enum(OUTAGE_CLASSES).optional(),
  /** docs/contract.md §1.5: the operator who recorded an outage seen elsewhere; absent = the prober detected it. */
  recordedBy: z.string().min(1).optional(),
});

// Issue #15: a bare instant is a declared notice (every case file before provenance); an object says which it was.
// Chosen by the input's type rather than z.union, so a problem names the field it is in.
const noticeObject = z.strictObject({ at: instantSeconds, provenance: z.enum(NOTICE_PROVENANCES) });
const notice = z.unknown().transform((input, ctx) => {
  const parsed = typeof input === 'string' ? instantSeconds.safeParse(input, { reportInput: true }) : noticeObject.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  // `input` kept as the inner schema saw it: the problem quotes the field, not the whole notice.
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, input: issue.input } as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
});

const maintenance = z
  .strictObject({
    id,
    kind: z.enum(MAINTENANCE_KINDS),
    components: z.array(id),
    /** With a recurrence: its first occurrence's start (DTSTART), whose wall-clock time in the recurrence's zone every occurrence keeps. */
    start: instantSeconds,
    // Required without a recurrence, refused with one (checks.ts): each occurrence ends `duration` after its start.
    end: instantSeconds.optional(),
    notices: z.array(notice).prefault([]),
    recurrence: recurrenceSchema.optional(),
  })
  // The engine's shape (engine/maintenance-verdict.ts): every notice's instant, and those delivered.
  .transform(({ end, recurrence, notices, ...window }) => ({
    ...window,
    end: end ?? (recurrence === undefined ? window.start : occurrenceEnd(window.start, recurrence)),
    notices: notices.map((n) => (typeof n === 'number' ? n : n.at)),
    delivered: notices.flatMap((n) => (typeof n !== 'number' && n.provenance === 'delivered' ? [n.at] : [])),
    ...(recurrence === undefined ? {} : { recurrence }),
  }));

const forceMajeure = z.strictObject({
  id,
  category: z.enum(FORCE_MAJEURE_CATEGORIES),
  // Omitted = all components (docs/case-file.md). An empty list is refused rather
  // than read as "none" or "all": it is ambiguous, and it decides money.
  components: z.array(id).min(1).optional(),
  start: instantSeconds,
  end: instantSeconds,
  declaredBy: z.string().min(1),
  approvedBy: z.string().min(1).optional(),
});

const occurrence = z.strictObject({ reportedAt: instantSeconds, fixedAt: instantSeconds.optional() });

const bug = z.strictObject({ id, contract: id, occurrences: z.array(occurrence) });

// docs/contract.md §1.3: a confidentiality breach, owed once a second, different operator approved it.
const breach = z.strictObject({
  id,
  contract: id,
  at: instantSeconds,
  declaredBy: z.string().min(1),
  approvedBy: z.string().min(1).optional(),
  evidence: z.string().min(1),
});

// docs/contract.md §2: a ticket's instants; only receivedAt is always known.
const ticket = z.strictObject({
  id,
  contract: id,
  class: z.enum(TICKET_CLASSES),
  channel: z.enum(TICKET_CHANNELS),
  receivedAt: instantSeconds,
  /** The vendor confirmed the bug, or agreed to the request: the acknowledge and resolve clocks start. */
  confirmedAt: instantSeconds.optional(),
  firstResponseAt: instantSeconds.optional(),
  acknowledgedAt: instantSeconds.optional(),
  resolvedAt: instantSeconds.optional(),
});

export const caseFileSchema = z.strictObject({
  policy: policySchema.prefault({}),
  period: z.strictObject({ from: instantSeconds, to: instantSeconds }).optional(),
  components: z.array(component).prefault([]),
  contracts: z.array(contract).prefault([]),
  outages: z.array(outage).prefault([]),
  maintenance: z.array(maintenance).prefault([]),
  forceMajeure: z.array(forceMajeure).prefault([]),
  bugs: z.array(bug).prefault([]),
  breaches: z.array(breach).prefault([]),
  /** The instant ticket clocks are read at (docs/case-file.md); default: the period's end. */
  asOf: instantSeconds.optional(),
  // Optional rather than defaulted: a case file without the key gives the statement it always gave.
  tickets: z.array(ticket).optional(),
});

/** A parsed case file: instants as epoch seconds, money as bigint VND, defaults filled in. */
export type CaseFile = z.output<typeof caseFileSchema>;
/** A case file as written (JSON or YAML). */
export type CaseFileInput = z.input<typeof caseFileSchema>;
export type CaseComponent = CaseFile['components'][number];
export type CaseContract = CaseFile['contracts'][number];
export type CaseOutage = CaseFile['outages'][number];
export type CaseMaintenance = CaseFile['maintenance'][number];
export type CaseForceMajeure = CaseFile['forceMajeure'][number];
export type CaseBug = CaseFile['bugs'][number];
export type CaseBreach = CaseFile['breaches'][number];
export type CaseTicket = NonNullable<CaseFile['tickets']>[number];
