import type { ComponentStatus } from '@sla/shared';
import { impactStatus, overallStatus } from '@sla/shared/status/component-status.ts';
import { dictionary } from '@sla/shared/status/i18n/index.ts';
import {
  UNRESOLVED_INCIDENT_STATUSES,
  type MaintenanceStatus,
  type StatuspageBody,
  type StatuspageComponent,
  type StatuspageIncident,
  type StatuspageMaintenance,
} from '@sla/shared/public-api/index.ts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listComponents } from '../catalog/catalog.repository.ts';
import { currentStatus } from './current-status.ts';
import { statusChangedAt } from './status-changed.ts';
import { PAGE, POLICY_TIME_ZONE, type PublicReadModel } from './read-model.ts';
import { groupIds } from './groups.ts';
import { loadIncidents, newestFirst, type IncidentQuery, type IncidentRow } from './incidents.ts';
import { loadMaintenance, notCancelled, phaseOf, type MaintenanceRow, type WindowQuery } from './maintenance.ts';
import { activeMaintenance, upcomingMaintenance } from './occurrences.ts';

// Atlassian Statuspage v2's public JSON, built from our tables. Ids are ours,
// stable and prefixed by kind: incidents `inc-N`, their updates `upd-N`,
// maintenance windows `mnt-N`, groups `group-<slug>`, components their config id.

const LIST_LIMIT = 50;
type Page = StatuspageBody<'/api/v2/status.json'>['page'];
type Status = StatuspageBody<'/api/v2/status.json'>['status'];

/** What every endpoint starts from: the page, and the components with their public status. */
export interface StatuspageView {
  now: number;
  page: Page;
  components: StatuspageComponent[];
  byId: ReadonlyMap<string, StatuspageComponent>;
}

export async function statuspageView(d: PublicReadModel, origin: string): Promise<StatuspageView> {
  const now = d.now();
  const [rows, active, updatedAt, changed] = await Promise.all([listComponents(d.db), activeMaintenance(d.db, now), lastChange(d, now), statusChangedAt(d.db, now)]);
  const groups = groupIds(rows.flatMap((r) => (r.group_name === null ? [] : [r.group_name])));
  const top = [...new Set(rows.map((r) => (r.group_name === null ? r.id : groups.get(r.group_name)!)))];
  const positionIn = new Map<string, number>();
  const position = (scope: string) => {
    const next = (positionIn.get(scope) ?? 0) + 1;
    positionIn.set(scope, next);
    return next;
  };
  // Children are numbered within their group, top-level items (groups and ungrouped components) in order of first appearance.
  const topPosition = new Map(top.map((id, i) => [id, i + 1]));
  const components: StatuspageComponent[] = rows.map((r) => {
    const groupId = r.group_name === null ? null : groups.get(r.group_name)!;
    return {
      id: r.id,
      name: r.name,
      status: currentStatus(d.liveStatus(r.id), r.id, active),
      created_at: r.created_at.toISOString(),
      // The later of its last status change and its own edit (issue #19).
      updated_at: new Date(Math.max(r.updated_at.getTime(), changed.get(r.id)?.getTime() ?? 0)).toISOString(),
      position: groupId === null ? topPosition.get(r.id)! : position(groupId),
      description: r.description,
      showcase: true,
      start_date: r.created_at.toISOString().slice(0, 10),
      group_id: groupId,
      page_id: PAGE.id,
      group: false,
      only_show_if_degraded: false,
    };
  });
  for (const [name, id] of groups) {
    const children = components.filter((c) => c.group_id === id);
    components.push({
      id,
      name,
      status: overallStatus(children.map((c) => c.status)) ?? 'operational',
      created_at: children.map((c) => c.created_at).sort()[0]!,
      updated_at: children.map((c) => c.updated_at).sort().at(-1)!,
      position: topPosition.get(id)!,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: PAGE.id,
      group: true,
      only_show_if_degraded: false,
      components: children.map((c) => c.id),
    });
  }
  return {
    now,
    page: { id: PAGE.id, name: PAGE.name, url: origin, time_zone: POLICY_TIME_ZONE, updated_at: updatedAt.toISOString() },
    components,
    byId: new Map(components.map((c) => [c.id, c])),
  };
}

/** The latest change anything on the page shows, so `updated_at` (and the ETag) stays put while nothing happens. */
async function lastChange(d: PublicReadModel, now: number): Promise<Date> {
  const at = new Date(now);
  const result = await sql<{ t: Date | string | null }>`
    select greatest(
      (select max(updated_at) from components where active),
      (select max(greatest(started_at, ended_at, impact_changed_at)) from outages),
      (select max(updated_at) from incidents),
      (select max(created_at) from incident_updates),
      (select max(greatest(updated_at, cancelled_at)) from maintenance_windows),
      (select max(starts_at) from maintenance_windows where starts_at <= ${at}),
      (select max(ends_at) from maintenance_windows where ends_at <= ${at}),
      (select max(recorded_at) from maintenance_notices),
      (select max(greatest(approved_at, withdrawn_at)) from force_majeure)
    ) as t`.execute(d.db);
  const t = result.rows[0]?.t;
  return t === null || t === undefined ? new Date(0) : new Date(t);
}

// Statuspage's indicator for each level, described in the English banner's
// words (issue #19: one wording per state; Statuspage's own called degraded
// performance "Minor Service Outage").
const INDICATOR: Record<ComponentStatus, Status['indicator']> = {
  operational: 'none',
  under_maintenance: 'minor',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};
const fromStatus = (status: ComponentStatus): Status => ({ indicator: INDICATOR[status], description: dictionary('en').overall[status] });

/**
 * The page's indicator: the worse of the worst component and the worst
 * unresolved incident's impact. The indicator is coarser than a status
 * (maintenance and degraded performance are both `minor`): on a tie the
 * components' words stand.
 */
export function pageStatus(components: readonly StatuspageComponent[], unresolved: readonly Pick<StatuspageIncident, 'impact'>[]): Status {
  const byComponents = overallStatus(components.filter((c) => !c.group).map((c) => c.status)) ?? 'operational';
  const byIncidents = overallStatus(unresolved.map((i) => impactStatus(i.impact))) ?? 'operational';
  const incidentsWorse = overallStatus([byComponents, byIncidents]) === byIncidents && INDICATOR[byIncidents] !== INDICATOR[byComponents];
  return fromStatus(incidentsWorse ? byIncidents : byComponents);
}

export function toStatuspageIncident(i: IncidentRow, view: StatuspageView): StatuspageIncident {
  const id = `inc-${i.id}`;
  return {
    id,
    name: i.title,
    status: i.status,
    created_at: i.created_at.toISOString(),
    updated_at: i.updated_at.toISOString(),
    monitoring_at: i.monitoring_at?.toISOString() ?? null,
    resolved_at: i.resolved_at?.toISOString() ?? null,
    impact: i.impact,
    shortlink: `${view.page.url}/incidents/${i.id}`,
    started_at: i.started_at.toISOString(),
    page_id: view.page.id,
    incident_updates: i.updates.map((u) => ({
      id: `upd-${u.id}`,
      incident_id: id,
      status: u.status,
      body: u.body,
      created_at: u.created_at.toISOString(),
      updated_at: u.created_at.toISOString(),
      display_at: u.created_at.toISOString(),
      affected_components: u.affected_components.map((a) => ({ code: a.code, name: a.name, old_status: a.old_status, new_status: a.new_status })),
    })),
    components: i.components.flatMap((c) => view.byId.get(c.id) ?? []),
  };
}

const MAINTENANCE_STATUS = { upcoming: 'scheduled', active: 'in_progress', completed: 'completed' } as const;

/**
 * A window as Statuspage's scheduled maintenance. Its updates are the notices
 * that announced it (SLA §C.1), then its start and its end once they have
 * passed, newest first, in Statuspage's own words.
 */
export function toStatuspageMaintenance(w: MaintenanceRow, view: StatuspageView): StatuspageMaintenance {
  // Issue #16: each occurrence of a recurring window is a maintenance of its own.
  const id = w.occurrence === undefined ? `mnt-${w.id}` : `mnt-${w.id}-${w.occurrence}`;
  const phase = phaseOf(w, view.now);
  if (phase === 'cancelled') throw new Error(`${id} is cancelled: Statuspage has no status for it`);
  const affected = (from: string, to: string) => w.components.map((c) => ({ code: c.id, name: c.name, old_status: from, new_status: to }));
  const updates: Array<{ key: string; status: MaintenanceStatus; at: Date; body: string; affected: ReturnType<typeof affected> }> = [];
  const announcement = w.description || w.title;
  const notices = w.notices.length > 0 ? w.notices.map((n, k) => ({ key: `notice-${k + 1}`, at: n.sent_at })) : [{ key: 'scheduled', at: w.created_at }];
  for (const n of notices) updates.push({ key: n.key, status: 'scheduled', at: n.at, body: announcement, affected: affected('operational', 'operational') });
  if (phase !== 'upcoming') updates.push({ key: 'started', status: 'in_progress', at: w.starts_at, body: 'Scheduled maintenance is currently in progress. We will provide updates as necessary.', affected: affected('operational', 'under_maintenance') });
  if (phase === 'completed') updates.push({ key: 'completed', status: 'completed', at: w.ends_at, body: 'The scheduled maintenance has been completed.', affected: affected('under_maintenance', 'operational') });
  updates.sort((a, b) => b.at.getTime() - a.at.getTime());
  const latest = Math.max(w.updated_at.getTime(), updates[0]!.at.getTime());
  return {
    id,
    name: w.title,
    status: MAINTENANCE_STATUS[phase],
    created_at: w.created_at.toISOString(),
    updated_at: new Date(latest).toISOString(),
    monitoring_at: null,
    resolved_at: phase === 'completed' ? w.ends_at.toISOString() : null,
    impact: 'maintenance',
    shortlink: `${view.page.url}/maintenance#maintenance-${w.id}`,
    started_at: w.starts_at.toISOString(),
    page_id: view.page.id,
    incident_updates: updates.map((u) => ({
      id: `${id}-${u.key}`,
      incident_id: id,
      status: u.status,
      body: u.body,
      created_at: u.at.toISOString(),
      updated_at: u.at.toISOString(),
      display_at: u.at.toISOString(),
      affected_components: u.affected,
    })),
    components: w.components.flatMap((c) => view.byId.get(c.id) ?? []),
    scheduled_for: w.starts_at.toISOString(),
    scheduled_until: w.ends_at.toISOString(),
  };
}

export const unresolved = (q: IncidentQuery) => newestFirst(q.where('status', 'in', UNRESOLVED_INCIDENT_STATUSES));
export const recentIncidents = (q: IncidentQuery) => newestFirst(q).limit(LIST_LIMIT);
export const recentMaintenance = (q: WindowQuery) => notCancelled(q).orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(LIST_LIMIT);
/** Windows to come (one-off ones and the next days' occurrences), soonest first, at most LIST_LIMIT. */
export const upcomingMaintenances = (now: number) => (db: Kysely<Database>) => upcomingMaintenance(db, now, LIST_LIMIT);
/** Windows in progress, occurrences too. */
export const activeMaintenances = (now: number) => (db: Kysely<Database>) => activeMaintenance(db, now);

export async function statuspageIncidents(d: PublicReadModel, view: StatuspageView, filter: (q: IncidentQuery) => IncidentQuery) {
  return (await loadIncidents(d.db, filter)).map((i) => toStatuspageIncident(i, view));
}

/** The windows `filter` chooses, or those `load` loads (occurrences.ts), as Statuspage's. */
export async function statuspageMaintenances(d: PublicReadModel, view: StatuspageView, filter: ((q: WindowQuery) => WindowQuery) | { load: (db: Kysely<Database>) => Promise<MaintenanceRow[]> }) {
  const rows = typeof filter === 'function' ? await loadMaintenance(d.db, filter) : await filter.load(d.db);
  return rows.map((w) => toStatuspageMaintenance(w, view));
}
