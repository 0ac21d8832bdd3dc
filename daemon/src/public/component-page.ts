import type { ComponentPage } from '@sla/shared/public-api/index.ts';
import { localDays, measureSpans, prepareFacts, UPTIME_WINDOW_MS, uptimeWindows } from '@sla/shared/uptime/index.ts';
import { listComponents } from '../catalog/catalog.repository.ts';
import { currentStatus } from './current-status.ts';
import type { PublicReadModel } from './read-model.ts';
import { loadIncidents, newestFirst, toPublicIncident } from './incidents.ts';
import { loadMaintenance, maintenanceJudge, toPublicMaintenance } from './maintenance.ts';
import { activeMaintenance } from './occurrences.ts';
import { BAR_DAYS, floorRatio, floorRatios, publicComponent } from './overview.ts';
import { loadUptimeFacts } from './uptime-facts.ts';

const RECENT = 20;

/** One component's page: status, uptime, each of its 90 local days measured, its outages, incidents and maintenance. */
export async function buildComponentPage(d: PublicReadModel, componentId: string, timeZone: string): Promise<ComponentPage | undefined> {
  const component = (await listComponents(d.db)).find((c) => c.id === componentId);
  if (component === undefined) return undefined;
  const now = d.now();
  const nowDate = new Date(now);
  const days = localDays(now, timeZone, BAR_DAYS);
  const from = Math.min(days[0]!.start, now - UPTIME_WINDOW_MS['90d']);
  const [facts, active, outages, incidents, maintenance] = await Promise.all([
    loadUptimeFacts(d, [component], { from, to: now }),
    activeMaintenance(d.db, now),
    d.db
      .selectFrom('outages')
      .select(['id', 'impact', 'started_at', 'ended_at', 'failure_kind'])
      .where('component_id', '=', componentId)
      .where('withdrawn_at', 'is', null)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', new Date(from))]))
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute(),
    loadIncidents(d.db, (q) =>
      newestFirst(q.where('id', 'in', (eb) => eb.selectFrom('incident_components').select('incident_id').where('component_id', '=', componentId))).limit(RECENT),
    ),
    loadMaintenance(d.db, (q) =>
      q
        .where('id', 'in', (eb) => eb.selectFrom('maintenance_components').select('window_id').where('component_id', '=', componentId))
        .where('ends_at', '>', new Date(from))
        .orderBy('starts_at', 'desc')
        .orderBy('id', 'desc')
        .limit(RECENT),
    ),
  ]);
  const prepared = prepareFacts(facts.get(componentId)!);
  const judge = maintenanceJudge(d);
  return {
    generatedAt: nowDate.toISOString(),
    timeZone,
    component: { ...publicComponent(component, currentStatus(d.liveStatus(componentId), componentId, active)), uptime: floorRatios(uptimeWindows(prepared, now)) },
    days: measureSpans(prepared, days).map((m, i) => ({
      date: days[i]!.date,
      state: m.state,
      uptime: floorRatio(m.uptime),
      observedMs: m.observedMs,
      downMs: m.downMs,
      degradedMs: m.degradedMs,
      maintenanceMs: m.maintenanceMs,
      forceMajeureMs: m.forceMajeureMs,
      unknownMs: m.unknownMs,
    })),
    outages: outages.map((o) => ({ id: o.id, impact: o.impact, startedAt: o.started_at.toISOString(), endedAt: o.ended_at?.toISOString() ?? null, firstFailure: o.failure_kind })),
    incidents: incidents.map(toPublicIncident),
    maintenance: maintenance.map((w) => toPublicMaintenance(w, now, judge)),
  };
}
