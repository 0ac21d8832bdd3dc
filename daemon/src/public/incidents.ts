import type { PublicIncident } from '@sla/shared/public-api/index.ts';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/database.ts';

export type IncidentQuery = SelectQueryBuilder<Database, 'incidents', Record<never, never>>;

/** An incident with what the public may see: title, statuses and update bodies, never their authors. */
export interface IncidentRow {
  id: number;
  title: string;
  status: PublicIncident['status'];
  impact: PublicIncident['impact'];
  created_at: Date;
  updated_at: Date;
  monitoring_at: Date | null;
  resolved_at: Date | null;
  /** The earliest of its creation and its linked outages' starts. */
  started_at: Date;
  components: Array<{ id: string; name: string }>;
  /** Newest first. */
  updates: Array<{
    id: number;
    status: PublicIncident['status'];
    body: string;
    created_at: Date;
    affected_components: Array<{ code: string; name: string; old_status: string; new_status: string }>;
  }>;
}

/** Incidents chosen by `filter` (where, order, limit, offset), with components, updates and linked outages' start. */
export async function loadIncidents(db: Kysely<Database>, filter: (q: IncidentQuery) => IncidentQuery): Promise<IncidentRow[]> {
  const incidents = await filter(db.selectFrom('incidents'))
    .select(['id', 'title', 'status', 'impact', 'created_at', 'updated_at', 'monitoring_at', 'resolved_at'])
    .execute();
  if (incidents.length === 0) return [];
  const ids = incidents.map((i) => i.id);
  const [components, updates, starts] = await Promise.all([
    db
      .selectFrom('incident_components as ic')
      .innerJoin('components as c', 'c.id', 'ic.component_id')
      .select(['ic.incident_id', 'c.id', 'c.name'])
      .where('ic.incident_id', 'in', ids)
      .orderBy('c.position')
      .execute(),
    db
      .selectFrom('incident_updates')
      .select(['id', 'incident_id', 'status', 'body', 'created_at', 'affected_components'])
      .where('incident_id', 'in', ids)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('incident_outages as io')
      .innerJoin('outages as o', 'o.id', 'io.outage_id')
      .select((eb) => ['io.incident_id', eb.fn.min('o.started_at').as('started_at')])
      .where('io.incident_id', 'in', ids)
      .groupBy('io.incident_id')
      .execute(),
  ]);
  return incidents.map((i) => {
    const outageStart = starts.find((s) => s.incident_id === i.id)?.started_at;
    const outageStartMs = outageStart === undefined || outageStart === null ? Infinity : new Date(outageStart).getTime();
    return {
      ...i,
      status: i.status,
      started_at: new Date(Math.min(i.created_at.getTime(), outageStartMs)),
      components: components.filter((c) => c.incident_id === i.id).map((c) => ({ id: c.id, name: c.name })),
      updates: updates
        .filter((u) => u.incident_id === i.id)
        .map((u) => ({ id: u.id, status: u.status as PublicIncident['status'], body: u.body, created_at: u.created_at, affected_components: parseJson(u.affected_components) })),
    };
  });
}

export async function countIncidents(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n); // int8: a string from pg, a number from PGlite (docs/conventions.md §9.2)
}

export const newestFirst = (q: IncidentQuery) => q.orderBy('created_at', 'desc').orderBy('id', 'desc');

export function toPublicIncident(i: IncidentRow): PublicIncident {
  return {
    id: i.id,
    title: i.title,
    status: i.status,
    impact: i.impact,
    createdAt: i.created_at.toISOString(),
    updatedAt: i.updated_at.toISOString(),
    startedAt: i.started_at.toISOString(),
    monitoringAt: i.monitoring_at?.toISOString() ?? null,
    resolvedAt: i.resolved_at?.toISOString() ?? null,
    components: i.components,
    updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      createdAt: u.created_at.toISOString(),
      affectedComponents: u.affected_components.map((a) => ({ code: a.code, name: a.name, oldStatus: a.old_status, newStatus: a.new_status })),
    })),
  };
}

// jsonb comes back parsed from both drivers; a string would be a driver that did not.
function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
