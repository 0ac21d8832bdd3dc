import type { Db } from '../db/database.ts';
import { apologyText } from './apology-text.ts';

/** A proposed outage line of the ledger: every one is a very critical outage's (docs/contract.md §1.1: only those earn license time). */
export interface ProposedOutageLine {
  contractId: string;
  /** `O-<id>` (ledger/refs.ts). */
  ref: string;
  licenseSeconds: bigint;
}

/**
 * Issue #15, SLA §C.5: when a very critical outage's line is proposed for a
 * contract and the outage has closed, a draft apology in vi and en — the
 * window on the contract's clock, the credit as the line's license time — is
 * prepared, in the recompute's transaction. One per contract and outage: a
 * line proposed again (its figure changed) refreshes a draft nobody edited
 * yet; an edited or approved apology is left as it is. An outage still open
 * gets none until the line proposed at its end.
 */
export async function draftApologies(tx: Db, lines: readonly ProposedOutageLine[], now: Date): Promise<void> {
  const byOutage = new Map(lines.flatMap((l) => (/^O-\d+$/.test(l.ref) ? [[`${l.contractId}\u0000${l.ref}`, { ...l, outageId: Number(l.ref.slice(2)) }] as const] : [])));
  if (byOutage.size === 0) return;
  const ids = [...new Set([...byOutage.values()].map((l) => l.outageId))];
  const outages = await tx
    .selectFrom('outages as o')
    .innerJoin('components as c', 'c.id', 'o.component_id')
    .select(['o.id', 'o.started_at', 'o.ended_at', 'c.name'])
    .where('o.id', 'in', ids)
    .where('o.ended_at', 'is not', null)
    .execute();
  const contracts = await tx.selectFrom('contracts').select(['id', 'time_zone']).where('id', 'in', [...new Set([...byOutage.values()].map((l) => l.contractId))]).execute();
  const outageOf = new Map(outages.map((o) => [o.id, o]));
  const zoneOf = new Map(contracts.map((c) => [c.id, c.time_zone]));
  const rows = [...byOutage.values()].flatMap((l) => {
    const o = outageOf.get(l.outageId);
    const timeZone = zoneOf.get(l.contractId);
    if (o === undefined || o.ended_at === null || timeZone === undefined) return [];
    const facts = { component: o.name, startedAt: o.started_at, endedAt: o.ended_at, timeZone, licenseSeconds: l.licenseSeconds };
    const vi = apologyText(facts, 'vi');
    const en = apologyText(facts, 'en');
    return [{ contract_id: l.contractId, outage_id: l.outageId, license_seconds: l.licenseSeconds.toString(), subject_vi: vi.subject, body_vi: vi.body, subject_en: en.subject, body_en: en.body, created_at: now }];
  });
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('apologies')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .columns(['contract_id', 'outage_id'])
          .doUpdateSet((eb) => ({ license_seconds: eb.ref('excluded.license_seconds'), subject_vi: eb.ref('excluded.subject_vi'), body_vi: eb.ref('excluded.body_vi'), subject_en: eb.ref('excluded.subject_en'), body_en: eb.ref('excluded.body_en') }))
          .where('apologies.state', '=', 'draft')
          .where('apologies.edited_by', 'is', null),
      )
      .execute();
}
