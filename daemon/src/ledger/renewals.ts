import type { ExcessCredit } from '@sla/shared/policy/policy.ts';
import { excessLicenseDays } from '@sla/shared/engine/renewal-ledger.ts';
import { DAYS_PER_YEAR } from '@sla/shared/policy/policy.ts';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { RenewalTable } from './ledger.table.ts';

export type Renewal = Selectable<RenewalTable>;

/**
 * How long before a period starts its renewal may be made. A request outside
 * it is refused rather than taken as the period after (issue #12: racing
 * requests with fresh keys renewed a contract 8 times, 9 years ahead).
 */
export const RENEWAL_LEAD_DAYS = 90;

export type RenewalOutcome =
  | { kind: 'created' | 'existing'; renewal: Renewal }
  | { kind: 'too_early'; periodStart: Date; opensAt: Date };

/**
 * Terms §8 / docs/contract.md §4: the next 12-month renewal. The fee less every
 * approved `renewal` credit is what the customer pays; every approved
 * `license` credit moves the license expiry later, on top of the 12 months.
 * Those entries become `applied` to this renewal — exactly once: the contract
 * row is locked, a retried key returns the renewal it already made (issue #4),
 * and a period is renewed once whatever the key (issue #12). Deductions past
 * the fee are carried to the next renewal as an approved entry, never dropped
 * — or, with `excessCredit: license_time` (docs/contract.md §4), paid as
 * license days at the renewal's daily rate on top of the extension, as the
 * engine's statement computes them.
 */
export async function renewContract(
  db: Kysely<Database>,
  contractId: string,
  idempotencyKey: string,
  actor: string,
  now: Date,
  excessCredit: ExcessCredit = 'carry',
  /** docs/contract.md §1.1: the daily rate's divisor for excess turned into license days. */
  daysPerYear: number = DAYS_PER_YEAR,
): Promise<RenewalOutcome | undefined> {
  return db.transaction().execute(async (tx) => {
    const contract = await tx.selectFrom('contracts').selectAll().where('id', '=', contractId).forUpdate().executeTakeFirst();
    if (contract === undefined) return undefined;
    const existing = await tx.selectFrom('renewals').selectAll().where('contract_id', '=', contractId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    if (existing !== undefined) return { kind: 'existing', renewal: existing };

    const zone = contract.time_zone;
    const periodStart = contract.renewal_at ?? now;
    const opensAt = new Date(periodStart.getTime() - RENEWAL_LEAD_DAYS * 86_400_000);
    if (now < opensAt) return { kind: 'too_early', periodStart, opensAt };
    const periodEnd = addYear(periodStart, zone);

    const approved = await tx.selectFrom('ledger_entries').selectAll().where('contract_id', '=', contractId).where('state', '=', 'approved').orderBy('id').execute();
    const sum = (rows: typeof approved) => rows.reduce((total, r) => ({ vnd: total.vnd + BigInt(r.amount_vnd), seconds: total.seconds + BigInt(r.license_seconds) }), { vnd: 0n, seconds: 0n });
    const owed = sum(approved.filter((e) => e.credit_as === 'renewal')).vnd;
    const licenseExtension = sum(approved.filter((e) => e.credit_as === 'license')).seconds;
    const fee = BigInt(contract.annual_fee_vnd);
    const deduction = owed < fee ? owed : fee;
    const excess = owed - deduction;
    const asTime = excessCredit === 'license_time';
    const carried = asTime ? 0n : excess;
    const excessDays = asTime ? excessLicenseDays(excess, fee, daysPerYear) : 0n;
    const extension = licenseExtension + excessDays * 86_400n;
    const previousExpiry = contract.license_expires_at ?? periodStart;
    const newExpiry = new Date(addYear(previousExpiry, zone).getTime() + Number(extension) * 1000);

    const renewal = await tx
      .insertInto('renewals')
      .values({
        contract_id: contractId,
        idempotency_key: idempotencyKey,
        period_start: periodStart,
        period_end: periodEnd,
        fee_vnd: fee.toString(),
        deduction_vnd: deduction.toString(),
        amount_vnd: (fee - deduction).toString(),
        license_extension_seconds: extension.toString(),
        previous_expiry: contract.license_expires_at,
        new_expiry: newExpiry,
        created_by: actor,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (approved.length > 0)
      await tx
        .updateTable('ledger_entries')
        .set({ state: 'applied', renewal_id: renewal.id, applied_by: actor, applied_at: now })
        .where('id', 'in', approved.map((e) => e.id))
        .where('state', '=', 'approved')
        .execute();
    const carriedId = carried > 0n ? await carryForward(tx, contractId, renewal, carried, actor, now) : null;
    await tx.updateTable('contracts').set({ license_expires_at: newExpiry, renewal_at: periodEnd, updated_at: now }).where('id', '=', contractId).execute();
    await recordAudit(tx, {
      actor,
      action: 'renewal.create',
      entity: 'contract',
      entityId: contractId,
      before: { licenseExpiresAt: contract.license_expires_at, renewalAt: contract.renewal_at },
      after: { renewalId: renewal.id, licenseExpiresAt: newExpiry, renewalAt: periodEnd, amountVnd: fee - deduction, appliedEntries: approved.map((e) => e.id), carriedForwardVnd: carried, carriedEntry: carriedId, excessLicenseDays: excessDays },
    });
    return { kind: 'created', renewal };
  });
}

/**
 * The approved deductions the fee could not absorb, as one approved entry the
 * next renewal deducts (issue #12). It was decided when its credits were
 * approved, so it needs no second approval; it links to its renewal by ref.
 */
async function carryForward(tx: Kysely<Database>, contractId: string, renewal: Renewal, amount: bigint, actor: string, now: Date): Promise<number> {
  const ref = `renewal:${renewal.id}`;
  const entry = await tx
    .insertInto('ledger_entries')
    .values({
      contract_id: contractId, kind: 'credit', source: 'carried_forward', ref, occurrence: null, credit_as: 'renewal',
      license_seconds: '0', amount_vnd: amount.toString(), policy_version: 'carried_forward',
      line: JSON.stringify({ source: 'carried_forward', ref, renewalId: renewal.id, amountVnd: amount.toString() }),
      reverses_id: null, state: 'approved', created_by: actor, decided_by: actor, decided_at: now,
      decision_reason: `the rest of the deductions past renewal ${renewal.id}'s fee of ${renewal.fee_vnd} VND`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return entry.id;
}

/** Twelve months later on the contract's local calendar (docs/contract.md §6). */
function addYear(at: Date, zone: string): Date {
  const local = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(zone);
  return new Date(local.add({ years: 1 }).epochMilliseconds);
}
