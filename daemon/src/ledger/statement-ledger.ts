import type { ContractStatement } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Period } from './case-builder.ts';
import type { DocumentEntry, RenewalRef } from './statement-document.ts';
import { ref } from './refs.ts';

// What the statement document reads from the ledger (issue #16): the
// contract's entries that belong to the period, who proposed, decided and
// applied each (ledger_entries keeps them as the audit records them), its
// renewals, and the bug titles operators wrote.

export interface StatementLedger {
  contract: { id: string; customer: string; annualFeeVnd: bigint; renewalAt: Date | null; licenseExpiresAt: Date | null };
  entries: DocumentEntry[];
  renewals: RenewalRef[];
  titles: Map<string, string>;
}

/**
 * The entries of a period: those of the outages in its case file (`outageRefs`,
 * whatever their line became), those of the engine's other lines, and the
 * excess carried forward at a renewal made in it; without a period, every
 * entry. Superseded proposals were never decided and are left out.
 */
export async function statementLedger(db: Kysely<Database>, engine: ContractStatement, outageRefs: readonly string[], period: Period | undefined): Promise<StatementLedger> {
  const c = await db.selectFrom('contracts').select(['id', 'customer', 'annual_fee_vnd', 'renewal_at', 'license_expires_at']).where('id', '=', engine.id).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('ledger_entries').selectAll().where('contract_id', '=', engine.id).where('state', '<>', 'superseded').orderBy('id').execute();
  const outages = new Set(outageRefs);
  const lineKeys = new Set(engine.credits.map((l) => `${l.source}\u0000${l.ref}\u0000${l.source === 'repeat_bug' ? l.occurrence : ''}`));
  const inPeriod = (r: (typeof rows)[number]) => {
    if (period === undefined) return true;
    if (r.source === 'outage') return outages.has(r.ref);
    if (r.source === 'carried_forward') return r.created_at >= period.from && r.created_at < period.to;
    return lineKeys.has(`${r.source}\u0000${r.ref}\u0000${r.occurrence ?? ''}`);
  };
  const entries = rows.filter(inPeriod).map((r) => ({
    id: r.id,
    kind: r.kind,
    source: r.source,
    ref: r.ref,
    occurrence: r.occurrence,
    creditAs: r.credit_as,
    licenseSeconds: BigInt(r.license_seconds),
    amountVnd: BigInt(r.amount_vnd),
    state: r.state as DocumentEntry['state'],
    line: r.line,
    reversesId: r.reverses_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    renewalId: r.renewal_id,
    appliedBy: r.applied_by,
    appliedAt: r.applied_at,
  }));
  let renewalQuery = db.selectFrom('renewals').select(['id', 'period_start', 'period_end']).where('contract_id', '=', engine.id);
  if (period) renewalQuery = renewalQuery.where('period_start', '<', period.to).where('period_end', '>', period.from);
  const renewals = (await renewalQuery.orderBy('period_start').execute()).map((r) => ({ id: r.id, periodStart: r.period_start, periodEnd: r.period_end }));
  const bugs = await db.selectFrom('bugs').select(['id', 'title']).where('contract_id', '=', engine.id).execute();
  return {
    contract: { id: c.id, customer: c.customer, annualFeeVnd: BigInt(c.annual_fee_vnd), renewalAt: c.renewal_at, licenseExpiresAt: c.license_expires_at },
    entries,
    renewals,
    titles: new Map(bugs.map((b) => [ref.bug(b.id), b.title])),
  };
}
