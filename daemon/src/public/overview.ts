import type { ComponentStatus } from '@sla/shared';
import { UNRESOLVED_INCIDENT_STATUSES, type OverviewResponse } from '@sla/shared/public-api/index.ts';
import { localDays, measureSpan, prepareFacts, UPTIME_WINDOW_MS, uptimeWindows, type UptimeWindow } from '@sla/shared/uptime/index.ts';
import { listComponents, type ComponentRow } from '../catalog/catalog.repository.ts';
import { currentStatus } from './current-status.ts';
import type { PublicDeps } from './deps.ts';
import { loadForceMajeure, toPublicForceMajeure } from './force-majeure.ts';
import { loadIncidents, newestFirst, toPublicIncident } from './incidents.ts';
import { activeAt, loadMaintenance, maintenanceJudge, toPublicMaintenance, upcomingAt } from './maintenance.ts';
import { loadUptimeFacts } from './uptime-facts.ts';

export const BAR_DAYS = 90;
const DAY_MS = 86_400_000;
/** Force majeure stays on the front page this long after it ends. */
const RECENT_FORCE_MAJEURE_MS = 7 * DAY_MS;

/** The front page's data: every component with status, uptime and 90 local days, plus what is going on now. */
export async function buildOverview(d: PublicDeps, timeZone: string): Promise<OverviewResponse> {
  const now = d.now();
  const nowDate = new Date(now);
  const days = localDays(now, timeZone, BAR_DAYS);
  const components = await listComponents(d.db);
  const [facts, active, upcoming, incidents, forceMajeure] = await Promise.all([
    loadUptimeFacts(d, components, { from: Math.min(days[0]!.start, now - UPTIME_WINDOW_MS['90d']), to: now }),
    loadMaintenance(d.db, activeAt(nowDate)),
    loadMaintenance(d.db, (q) => upcomingAt(nowDate)(q).limit(20)),
    loadIncidents(d.db, (q) => newestFirst(q.where('status', 'in', UNRESOLVED_INCIDENT_STATUSES))),
    loadForceMajeure(d, { from: new Date(now - RECENT_FORCE_MAJEURE_MS), to: new Date(now + 1) }),
  ]);
  const judge = maintenanceJudge(d);
  return {
    generatedAt: nowDate.toISOString(),
    timeZone,
    days: days.map((day) => day.date),
    components: components.map((c) => {
      const prepared = prepareFacts(facts.get(c.id)!);
      const measured = days.map((day) => measureSpan(prepared, day));
      return {
        ...publicComponent(c, currentStatus(d.liveStatus(c.id), c.id, active)),
        uptime: floorRatios(uptimeWindows(prepared, now)),
        bar: { states: measured.map((m) => m.state), uptime: measured.map((m) => floorRatio(m.uptime)) },
      };
    }),
    incidents: incidents.map(toPublicIncident),
    maintenance: { active: active.map((w) => toPublicMaintenance(w, now, judge)), upcoming: upcoming.map((w) => toPublicMaintenance(w, now, judge)) },
    forceMajeure: forceMajeure.map((e) => toPublicForceMajeure(e, new Map(components.map((c) => [c.id, c.name])))),
  };
}

export function publicComponent(c: ComponentRow, status: ComponentStatus) {
  return { id: c.id, name: c.name, group: c.group_name, tier: c.tier, description: c.description, status };
}

/** Rounded down to 6 decimals: short JSON, and never 100 % when there was downtime. */
export function floorRatio(ratio: number | null): number | null {
  return ratio === null ? null : Math.floor(ratio * 1e6) / 1e6;
}

export function floorRatios(windows: Record<UptimeWindow, number | null>): Record<UptimeWindow, number | null> {
  return Object.fromEntries(Object.entries(windows).map(([w, r]) => [w, floorRatio(r)])) as Record<UptimeWindow, number | null>;
}
