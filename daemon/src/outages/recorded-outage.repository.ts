import type { Impact, OutageClass } from '@sla/shared';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { Outage } from './outage.repository.ts';

/** docs/contract.md §1.5: an outage seen elsewhere, one closed interval on each of its components. */
export interface RecordInput {
  start: Date;
  end: Date;
  components: string[];
  impact: Impact;
  /** An operator's class (docs/contract.md §1.1), e.g. a security fault with no downtime classed very critical. */
  class?: OutageClass;
  reason: string;
  evidence: string;
  /** The case file's id of an imported outage (`sla facts import`): one component each. */
  externalRef?: string;
}

/** docs/contract.md §1.5: who found an outage — the prober, or an operator who recorded it. */
export const OUTAGE_SOURCES = ['probe', 'operator'] as const;
export const outageSource = (o: Pick<Outage, 'recorded_by'>): (typeof OUTAGE_SOURCES)[number] => (o.recorded_by === null ? 'probe' : 'operator');

/** An outage as the operators' routes answer it: who recorded it, why, and its withdrawal (private: persons and evidence). */
export function outageView(o: Outage) {
  return {
    id: o.id,
    component: o.component_id,
    impact: o.impact,
    class: o.class_override,
    startedAt: o.started_at.toISOString(),
    endedAt: o.ended_at?.toISOString() ?? null,
    source: outageSource(o),
    recordedBy: o.recorded_by,
    reason: o.recorded_reason,
    evidence: o.evidence,
    withdrawRequestedBy: o.withdraw_requested_by,
    withdrawRequestedAt: o.withdraw_requested_at?.toISOString() ?? null,
    withdrawReason: o.withdraw_reason,
    withdrawnBy: o.withdrawn_by,
    withdrawnAt: o.withdrawn_at?.toISOString() ?? null,
  };
}

export type RecordResult = { ok: true; outages: Outage[] } | { ok: false; overlapping: Outage };

/**
 * Records the outage on every component, or on none: refused when a stored
 * outage (detected, or recorded and not withdrawn; an open one runs on) on the
 * same component overlaps it, so no minute is credited twice (docs/contract.md
 * §1.5). The components' rows are locked, in id order, so two operators
 * recording at once queue up; audited per outage.
 */
export async function recordOutages(db: Kysely<Database>, input: RecordInput, actor: string): Promise<RecordResult> {
  return db.transaction().execute(async (tx): Promise<RecordResult> => {
    await lockComponents(tx, input.components);
    const overlapping = await overlappingOutage(tx, input.components, input.start, input.end);
    if (overlapping !== undefined) return { ok: false, overlapping };
    const outages: Outage[] = [];
    for (const component of input.components) outages.push(await insertRecordedOutage(tx, component, input, actor));
    return { ok: true, outages };
  });
}

/** Holds the components' rows, in id order, so two writers of outages on them queue up and never deadlock. */
export async function lockComponents(tx: Kysely<Database>, components: readonly string[]): Promise<void> {
  if (components.length > 0) await tx.selectFrom('components').select('id').where('id', 'in', [...new Set(components)].sort()).orderBy('id').forUpdate().execute();
}

/** The first stored outage on these components overlapping [start, end): detected, or recorded and not withdrawn; an open one runs on. */
export async function overlappingOutage(tx: Kysely<Database>, components: readonly string[], start: Date, end: Date): Promise<Outage | undefined> {
  return tx
    .selectFrom('outages')
    .selectAll()
    .where('component_id', 'in', [...components])
    .where('withdrawn_at', 'is', null)
    .where('started_at', '<', end)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', start)]))
    .orderBy('started_at')
    .orderBy('id')
    .executeTakeFirst();
}

/** One recorded outage on one component, audited; the caller checked it overlaps nothing. */
export async function insertRecordedOutage(tx: Kysely<Database>, component: string, input: Omit<RecordInput, 'components'>, actor: string): Promise<Outage> {
  const row = await tx
    .insertInto('outages')
    .values({
      component_id: component,
      impact: input.impact,
      started_at: input.start,
      ended_at: input.end,
      class_override: input.class ?? null,
      class_reason: input.class === undefined ? null : input.reason,
      recorded_by: actor,
      recorded_reason: input.reason,
      evidence: input.evidence,
      external_ref: input.externalRef ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, { actor, action: 'outage.record', entity: 'outage', entityId: row.id, after: outageView(row) });
  return row;
}

export type WithdrawResult = { ok: true; outage: Outage } | { ok: false; status: 'not_found' | 'conflict'; message: string };

/**
 * A withdrawal asked (`request`) or approved (`approve`), once, guarded by the
 * row's state: only a recorded outage is withdrawn; asking changes no money,
 * approving removes it, and the database refuses an approver who asked.
 */
export async function decideWithdrawal(db: Kysely<Database>, id: number, step: 'request' | 'approve', actor: string, at: Date, reason?: string): Promise<WithdrawResult> {
  return db.transaction().execute(async (tx): Promise<WithdrawResult> => {
    const before = await tx.selectFrom('outages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (before === undefined) return { ok: false, status: 'not_found', message: `no outage ${id}` };
    if (before.recorded_by === null)
      return { ok: false, status: 'conflict', message: `outage ${id} was detected by the prober, not recorded: change its class instead (POST /api/v1/outages/${id}/class, docs/contract.md §1.1)` };
    if (before.withdrawn_at !== null) return { ok: false, status: 'conflict', message: `outage ${id} is already withdrawn` };
    if (step === 'request' && before.withdraw_requested_by !== null) return { ok: false, status: 'conflict', message: `outage ${id}'s withdrawal was already asked by ${before.withdraw_requested_by}` };
    if (step === 'approve' && before.withdraw_requested_by === null) return { ok: false, status: 'conflict', message: `nobody asked to withdraw outage ${id}: POST /api/v1/outages/${id}/withdraw first` };
    const after = await tx
      .updateTable('outages')
      .set(step === 'request' ? { withdraw_requested_by: actor, withdraw_requested_at: at, withdraw_reason: reason ?? null } : { withdrawn_by: actor, withdrawn_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: step === 'request' ? 'outage.withdraw' : 'outage.withdraw_approve', entity: 'outage', entityId: id, before: outageView(before), after: outageView(after) });
    return { ok: true, outage: after };
  });
}

export async function getOutage(db: Kysely<Database>, id: number): Promise<Outage | undefined> {
  return db.selectFrom('outages').selectAll().where('id', '=', id).executeTakeFirst();
}
