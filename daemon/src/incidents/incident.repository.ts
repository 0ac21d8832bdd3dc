import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { AffectedComponent, IncidentImpact, IncidentStatus } from './incident.table.ts';

export interface IncidentInput {
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  body: string;
  components: string[];
  outages: number[];
  apology: boolean;
  affected: AffectedComponent[];
}

export async function getIncident(db: Kysely<Database>, id: number) {
  const i = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  if (i === undefined) return undefined;
  const components = await db.selectFrom('incident_components').select('component_id').where('incident_id', '=', id).orderBy('component_id').execute();
  const outages = await db.selectFrom('incident_outages').select('outage_id').where('incident_id', '=', id).orderBy('outage_id').execute();
  const updates = await db.selectFrom('incident_updates').selectAll().where('incident_id', '=', id).orderBy('created_at').orderBy('id').execute();
  return {
    id: i.id,
    title: i.title,
    status: i.status,
    impact: i.impact,
    apology: i.apology,
    components: components.map((c) => c.component_id),
    outages: outages.map((o) => o.outage_id),
    createdAt: i.created_at.toISOString(),
    updatedAt: i.updated_at.toISOString(),
    monitoringAt: i.monitoring_at?.toISOString() ?? null,
    resolvedAt: i.resolved_at?.toISOString() ?? null,
    updates: updates.map((u) => ({ id: u.id, status: u.status, body: u.body, affectedComponents: u.affected_components, author: u.author, createdAt: u.created_at.toISOString() })),
  };
}

export type IncidentView = NonNullable<Awaited<ReturnType<typeof getIncident>>>;

const stamps = (status: IncidentStatus, now: Date) => ({
  ...(status === 'monitoring' ? { monitoring_at: now } : {}),
  ...(status === 'resolved' ? { resolved_at: now } : {}),
});

/** Runs in the transaction that posts an incident or an update, with the incident as posted (issue #15: the subscribers' messages). */
export type OnPosted = (tx: Kysely<Database>, incident: IncidentView) => Promise<void>;

export async function createIncident(db: Kysely<Database>, input: IncidentInput, actor: string, now: Date, onPosted?: OnPosted): Promise<IncidentView> {
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('incidents')
      .values({ title: input.title, status: input.status, impact: input.impact, apology: input.apology, created_by: actor, updated_at: now, ...stamps(input.status, now) })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.components.length > 0) await tx.insertInto('incident_components').values(input.components.map((component_id) => ({ incident_id: id, component_id }))).execute();
    if (input.outages.length > 0) await tx.insertInto('incident_outages').values(input.outages.map((outage_id) => ({ incident_id: id, outage_id }))).execute();
    await tx.insertInto('incident_updates').values({ incident_id: id, status: input.status, body: input.body, affected_components: JSON.stringify(input.affected), author: actor }).execute();
    const after = (await getIncident(tx, id))!;
    await recordAudit(tx, { actor, action: 'incident.create', entity: 'incident', entityId: id, after });
    await onPosted?.(tx, after);
    return after;
  });
}

export async function updateIncident(db: Kysely<Database>, id: number, status: IncidentStatus, body: string, affected: AffectedComponent[], actor: string, now: Date, onPosted?: OnPosted): Promise<IncidentView | undefined> {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('incidents').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (before === undefined) return undefined;
    await tx.updateTable('incidents').set({ status, updated_at: now, ...stamps(status, now) }).where('id', '=', id).execute();
    await tx.insertInto('incident_updates').values({ incident_id: id, status, body, affected_components: JSON.stringify(affected), author: actor }).execute();
    await recordAudit(tx, { actor, action: 'incident.update', entity: 'incident', entityId: id, before: { status: before.status }, after: { status, body } });
    const after = (await getIncident(tx, id))!;
    await onPosted?.(tx, after);
    return after;
  });
}

/** SLA §C.5: which of these outages have a public apology (a linked incident marked as one). */
export async function apologised(db: Kysely<Database>, outageIds: number[]): Promise<Set<number>> {
  if (outageIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('incident_outages')
    .innerJoin('incidents', 'incidents.id', 'incident_outages.incident_id')
    .select('incident_outages.outage_id')
    .where('incidents.apology', '=', true)
    .where('incident_outages.outage_id', 'in', outageIds)
    .execute();
  return new Set(rows.map((r) => r.outage_id));
}
