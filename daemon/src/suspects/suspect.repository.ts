import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { SuspectDecision, SuspectPeriodTable } from './suspect-period.table.ts';

export type SuspectPeriod = Selectable<SuspectPeriodTable>;

/** The ongoing period of each monitor, by monitor id (a restart resumes them). */
export async function ongoingSuspects(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('suspect_periods').select(['id', 'monitor_id']).where('ended_at', 'is', null).execute();
  return new Map(rows.map((r) => [r.monitor_id, r.id]));
}

export async function startSuspect(db: Kysely<Database>, s: { monitorId: string; componentId: string; at: Date; failure?: { kind: string; message: string } }): Promise<number> {
  const row = await db
    .insertInto('suspect_periods')
    .values({ monitor_id: s.monitorId, component_id: s.componentId, started_at: s.at, failure_kind: s.failure?.kind ?? null, failure_message: s.failure?.message ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function endSuspect(db: Kysely<Database>, id: number, at: Date): Promise<void> {
  await db.updateTable('suspect_periods').set({ ended_at: at }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

export async function listSuspects(db: Kysely<Database>, q: { undecided?: boolean }): Promise<SuspectPeriod[]> {
  let query = db.selectFrom('suspect_periods').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc');
  if (q.undecided === true) query = query.where('decision', 'is', null);
  return query.execute();
}

export type DecideResult = { ok: true; period: SuspectPeriod } | { ok: false; status: 'not_found' | 'conflict'; message: string };

/**
 * An operator's decision on a suspect period, audited: `confirmed` records the
 * outage the prober could not tell apart from its own cut-off (SLA §C.5: it
 * earns what any outage of its length earns), `dismissed` keeps it unknown.
 */
export async function decideSuspect(db: Kysely<Database>, id: number, decision: SuspectDecision, reason: string, actor: string, now: Date): Promise<DecideResult> {
  return db.transaction().execute(async (tx): Promise<DecideResult> => {
    const period = await tx.selectFrom('suspect_periods').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (period === undefined) return { ok: false, status: 'not_found', message: `no suspect period ${id}` };
    if (period.decision !== null) return { ok: false, status: 'conflict', message: `suspect period ${id} was already ${period.decision} by ${period.decided_by}` };
    let outageId: number | null = null;
    if (decision === 'confirmed') {
      const end = period.ended_at;
      if (end === null) return { ok: false, status: 'conflict', message: `suspect period ${id} is still going on: confirm it once the monitor's results count again` };
      const overlapping = await tx
        .selectFrom('outages')
        .select('id')
        .where('component_id', '=', period.component_id)
        .where('withdrawn_at', 'is', null)
        .where('started_at', '<', end)
        .where((e) => e.or([e('ended_at', 'is', null), e('ended_at', '>', period.started_at)]))
        .executeTakeFirst();
      if (overlapping !== undefined) return { ok: false, status: 'conflict', message: `outage ${overlapping.id} of ${period.component_id} overlaps suspect period ${id}` };
      const outage = await tx
        .insertInto('outages')
        .values({
          component_id: period.component_id,
          impact: 'major_outage',
          started_at: period.started_at,
          ended_at: end,
          monitor_id: period.monitor_id,
          failure_kind: period.failure_kind,
          failure_message: period.failure_message,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      outageId = outage.id;
    }
    const decided = await tx
      .updateTable('suspect_periods')
      .set({ decision, decided_by: actor, decided_at: now, reason, outage_id: outageId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: `suspect.${decision === 'confirmed' ? 'confirm' : 'dismiss'}`, entity: 'suspect_period', entityId: id, after: { decision, reason, outage: outageId } });
    return { ok: true, period: decided };
  });
}
