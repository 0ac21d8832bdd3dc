import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { RenewalTable } from './ledger.table.ts';

export type Renewal = Selectable<RenewalTable>;

/**
 * Terms §8 / sla-policy.md §4: the next 12-month renewal. The fee less every
 * approved `renewal` credit is what the customer pays; every approved
 * `license` credit moves the license expiry later, on top of the 12 months.
 * Those entries become `applied` to this renewal — exactly once: the contract
 * row is locked, and the idempotency key makes a retried request return the
 * renewal it already made (issue #4).
 */
export async function renewContract(
  db: Kysely<Database>,
  contractId: string,
  idempotencyKey: string,
  actor: string,
  now: Date,
): Promise<{ renewal: Renewal; created: boolean } | undefined> {
  return db.transaction().execute(async (tx) => {
    const contract = await tx.selectFrom('contracts').selectAll().where('id', '=', contractId).forUpdate().executeTakeFirst();
    if (contract === undefined) return undefined;
    const existing = await tx.selectFrom('renewals').selectAll().where('contract_id', '=', contractId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    if (existing !== undefined) return { renewal: existing, created: false };

    const approved = await tx.selectFrom('ledger_entries').selectAll().where('contract_id', '=', contractId).where('state', '=', 'approved').orderBy('id').execute();
    const sum = (rows: typeof approved, pick: (r: (typeof approved)[number]) => string) => rows.reduce((total, r) => total + BigInt(pick(r)), 0n);
    const deduction = sum(approved.filter((e) => e.credit_as === 'renewal'), (e) => e.amount_vnd);
    const extension = sum(approved.filter((e) => e.credit_as === 'license'), (e) => e.license_seconds);
    const fee = BigInt(contract.annual_fee_vnd);
    // A deduction larger than the fee leaves nothing to pay; the rest is not carried (say so on the statement).
    const amount = fee > deduction ? fee - deduction : 0n;

    const zone = contract.time_zone;
    const periodStart = contract.renewal_at ?? now;
    const periodEnd = addYear(periodStart, zone);
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
        amount_vnd: amount.toString(),
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
    await tx.updateTable('contracts').set({ license_expires_at: newExpiry, renewal_at: periodEnd, updated_at: now }).where('id', '=', contractId).execute();
    await recordAudit(tx, {
      actor,
      action: 'renewal.create',
      entity: 'contract',
      entityId: contractId,
      before: { licenseExpiresAt: contract.license_expires_at, renewalAt: contract.renewal_at },
      after: { renewalId: renewal.id, licenseExpiresAt: newExpiry, renewalAt: periodEnd, amountVnd: amount, appliedEntries: approved.map((e) => e.id) },
    });
    return { renewal, created: true };
  });
}

/** Twelve months later on the contract's local calendar (sla-policy.md §6). */
function addYear(at: Date, zone: string): Date {
  const local = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(zone);
  return new Date(local.add({ years: 1 }).epochMilliseconds);
}
