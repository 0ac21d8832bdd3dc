import type { Impact } from '@sla/shared';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { OutageTable } from './outage.table.ts';

export type Outage = Selectable<OutageTable>;

export async function findOpenOutage(db: Kysely<Database>, componentId: string): Promise<Outage | undefined> {
  return db.selectFrom('outages').selectAll().where('component_id', '=', componentId).where('ended_at', 'is', null).executeTakeFirst();
}

export async function listOpenOutages(db: Kysely<Database>): Promise<Outage[]> {
  return db.selectFrom('outages').selectAll().where('ended_at', 'is', null).orderBy('started_at').execute();
}

export interface NewOutage {
  componentId: string;
  impact: Impact;
  startedAt: Date;
  monitorId?: string;
  failure?: { kind: string; message: string };
}

/**
 * Opens the component's outage at `o.startedAt` — or, when that instant lies in
 * time an operator already recorded as an outage on the component, where the
 * recorded time ends (docs/contract.md §1.5: no minute is credited twice). The
 * streak that confirmed it may have begun before the operator recorded the
 * interval, which the recording's own overlap check cannot see.
 */
export async function openOutage(db: Kysely<Database>, o: NewOutage): Promise<Outage> {
  let startedAt = o.startedAt;
  for (;;) {
    const covering = await db
      .selectFrom('outages')
      .select('ended_at')
      .where('component_id', '=', o.componentId)
      .where('recorded_by', 'is not', null)
      .where('withdrawn_at', 'is', null)
      .where('started_at', '<=', startedAt)
      .where('ended_at', '>', startedAt)
      .orderBy('ended_at', 'desc')
      .executeTakeFirst();
    if (covering?.ended_at == null) break;
    startedAt = covering.ended_at; // recorded back to back: look again from its end
  }
  return db
    .insertInto('outages')
    .values({
      component_id: o.componentId,
      impact: o.impact,
      started_at: startedAt,
      monitor_id: o.monitorId ?? null,
      failure_kind: o.failure?.kind ?? null,
      failure_message: o.failure?.message ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function closeOutage(db: Kysely<Database>, id: number, endedAt: Date): Promise<void> {
  await db.updateTable('outages').set({ ended_at: endedAt }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

/** Changes an open outage's impact in place, recording `at`: the component's public status changed then (issue #19). */
export async function changeOutageImpact(db: Kysely<Database>, id: number, impact: Impact, at: Date): Promise<void> {
  await db.updateTable('outages').set({ impact, impact_changed_at: at }).where('id', '=', id).execute();
}

export interface OutageQuery {
  componentId?: string;
  /** Outages overlapping [from, to). */
  from?: Date;
  to?: Date;
  limit?: number;
}

export async function listOutages(db: Kysely<Database>, q: OutageQuery): Promise<Outage[]> {
  let query = db.selectFrom('outages').selectAll().where('withdrawn_at', 'is', null);
  if (q.componentId !== undefined) query = query.where('component_id', '=', q.componentId);
  if (q.to !== undefined) query = query.where('started_at', '<', q.to);
  if (q.from !== undefined) {
    const from = q.from;
    query = query.where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]));
  }
  return query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(q.limit ?? 500).execute();
}
