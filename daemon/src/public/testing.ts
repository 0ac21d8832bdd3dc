// Seeds the operators' facts the public pages read, straight into the tables,
// for tests and the status bench. The operators' API (issue #4) is the real
// way in; the public read side must not depend on it to be tested.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { AffectedComponent, IncidentImpact, IncidentStatus } from '../incidents/incident.table.ts';
import type { MaintenanceRow } from './maintenance.ts';
import type { ForceMajeureRow } from './force-majeure.ts';

export interface SeedWindow {
  kind: MaintenanceRow['kind'];
  title: string;
  description?: string;
  startsAt: Date;
  endsAt: Date;
  components: string[];
  notices?: Date[];
  createdAt?: Date;
  cancelledAt?: Date;
  createdBy?: string;
}

export async function seedWindow(db: Kysely<Database>, w: SeedWindow): Promise<number> {
  const createdAt = w.createdAt ?? new Date(w.startsAt.getTime() - 7 * 86_400_000);
  const { id } = await db
    .insertInto('maintenance_windows')
    .values({
      kind: w.kind,
      title: w.title,
      description: w.description ?? '',
      starts_at: w.startsAt,
      ends_at: w.endsAt,
      created_by: w.createdBy ?? 'operator-seed',
      created_at: createdAt,
      updated_at: createdAt,
      cancelled_at: w.cancelledAt ?? null,
      cancelled_by: w.cancelledAt === undefined ? null : (w.createdBy ?? 'operator-seed'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (w.components.length > 0) await db.insertInto('maintenance_components').values(w.components.map((component_id) => ({ window_id: id, component_id }))).execute();
  for (const sent of w.notices ?? []) await db.insertInto('maintenance_notices').values({ window_id: id, sent_at: sent, channel: 'status_page', provenance: 'declared', recorded_by: w.createdBy ?? 'operator-seed' }).execute();
  return id;
}

export interface SeedIncident {
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  createdAt: Date;
  components: string[];
  /** Oldest first. */
  updates: Array<{ status: IncidentStatus; body: string; at: Date; affected?: AffectedComponent[] }>;
  outageIds?: number[];
  author?: string;
}

export async function seedIncident(db: Kysely<Database>, i: SeedIncident): Promise<number> {
  const last = i.updates.at(-1)?.at ?? i.createdAt;
  const at = (status: IncidentStatus) => i.updates.find((u) => u.status === status)?.at ?? null;
  const { id } = await db
    .insertInto('incidents')
    .values({
      title: i.title,
      status: i.status,
      impact: i.impact,
      created_by: i.author ?? 'operator-seed',
      created_at: i.createdAt,
      updated_at: last,
      monitoring_at: at('monitoring'),
      resolved_at: at('resolved'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (i.components.length > 0) await db.insertInto('incident_components').values(i.components.map((component_id) => ({ incident_id: id, component_id }))).execute();
  for (const outage_id of i.outageIds ?? []) await db.insertInto('incident_outages').values({ incident_id: id, outage_id }).execute();
  for (const u of i.updates)
    await db
      .insertInto('incident_updates')
      .values({ incident_id: id, status: u.status, body: u.body, affected_components: JSON.stringify(u.affected ?? []), author: i.author ?? 'operator-seed', created_at: u.at })
      .execute();
  return id;
}

export interface SeedForceMajeure {
  category: ForceMajeureRow['category'];
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** undefined: every component. */
  components?: string[];
  evidence?: string;
  declaredBy?: string;
  approvedBy?: string | null;
  withdrawnAt?: Date;
}

export async function seedForceMajeure(db: Kysely<Database>, f: SeedForceMajeure): Promise<number> {
  const approvedBy = f.approvedBy === undefined ? 'approver-seed' : f.approvedBy;
  const { id } = await db
    .insertInto('force_majeure')
    .values({
      category: f.category,
      description: f.description,
      evidence: f.evidence ?? '',
      components: f.components === undefined ? null : JSON.stringify(f.components),
      starts_at: f.startsAt,
      ends_at: f.endsAt,
      declared_by: f.declaredBy ?? 'declarer-seed',
      approved_by: approvedBy,
      approved_at: approvedBy === null ? null : f.startsAt,
      withdrawn_by: f.withdrawnAt === undefined ? null : 'declarer-seed',
      withdrawn_at: f.withdrawnAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function seedOutage(
  db: Kysely<Database>,
  o: { component: string; impact: 'major_outage' | 'partial_outage' | 'degraded'; startedAt: Date; endedAt: Date | null; failureKind?: string; failureMessage?: string },
): Promise<number> {
  const { id } = await db
    .insertInto('outages')
    .values({
      component_id: o.component,
      impact: o.impact,
      started_at: o.startedAt,
      ended_at: o.endedAt,
      failure_kind: o.failureKind ?? 'timeout',
      failure_message: o.failureMessage ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Components are created when the config is first synced; history seeded before that needs them older. */
export async function backdateComponents(db: Kysely<Database>, createdAt: Date): Promise<void> {
  await sql`update components set created_at = ${createdAt}`.execute(db);
}
