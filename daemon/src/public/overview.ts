import type { ComponentStatus } from '@sla/shared';
import { UNRESOLVED_INCIDENT_STATUSES, type OverviewResponse } from '@sla/shared/public-api/index.ts';
import { localDays, measureSpans, prepareFacts, UPTIME_WINDOW_MS, uptimeWindows, type UptimeWindow } from '@sla/shared/uptime/index.ts';
import type { ComponentRow } from '../catalog/catalog.repository.ts';
import { currentStatus } from './current-status.ts';
import type { PublicDeps } from './deps.ts';
import { toPublicForceMajeure } from './force-majeure.ts';
import { loadIncidents, newestFirst, toPublicIncident } from './incidents.ts';
import { maintenanceJudge, phaseOf, toPublicMaintenance } from './maintenance.ts';
import type { Snapshot } from './snapshot.ts';
import { factsFrom } from './uptime-facts.ts';

export const BAR_DAYS = 90;
const DAY_MS = 86_400_000;
/** About 2 ms of work: the loop took 18–34 ms for the bench's 200 components on one busy core. */
const COMPONENTS_PER_SLICE = 16;
/** Force majeure stays on the front page this long after it ends. */
const RECENT_FORCE_MAJEURE_MS = 7 * DAY_MS;

/** The front page's data: every component with status, uptime and 90 local days, plus what is going on now. */
export async function buildOverview(d: PublicDeps, timeZone: string, snapshot: () => Promise<Snapshot>): Promise<OverviewResponse> {
  const { components, rows } = await snapshot();
  const now = d.now();
  const nowDate = new Date(now);
  const days = localDays(now, timeZone, BAR_DAYS);
  const judge = maintenanceJudge(d);
  const facts = factsFrom(rows, components, { from: Math.min(days[0]!.start, now - UPTIME_WINDOW_MS['90d']), to: now }, judge);
  const active = rows.windows.filter((w) => phaseOf(w, now) === 'active');
  const upcoming = rows.windows.filter((w) => phaseOf(w, now) === 'upcoming').slice(0, 20);
  const incidents = await loadIncidents(d.db, (q) => newestFirst(q.where('status', 'in', UNRESOLVED_INCIDENT_STATUSES)));
  const names = new Map(components.map((c) => [c.id, c.name]));
  const publicComponents = [];
  for (let i = 0; i < components.length; i++) {
    // Issue #5: 200 components × 90 days is tens of ms of work on the thread
    // that serves the crowd, once per render; in slices, readers are answered
    // between them instead of waiting the whole of it (the p99 under a crowd).
    if (i > 0 && i % COMPONENTS_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    const c = components[i]!;
    const prepared = prepareFacts(facts.get(c.id)!);
    const measured = measureSpans(prepared, days);
    publicComponents.push({
      ...publicComponent(c, currentStatus(d.liveStatus(c.id), c.id, active)),
      uptime: floorRatios(uptimeWindows(prepared, now)),
      bar: { states: measured.map((m) => m.state), uptime: measured.map((m) => floorRatio(m.uptime)) },
    });
  }
  return {
    generatedAt: nowDate.toISOString(),
    timeZone,
    days: days.map((day) => day.date),
    components: publicComponents,
    incidents: incidents.map(toPublicIncident),
    maintenance: { active: active.map((w) => toPublicMaintenance(w, now, judge)), upcoming: upcoming.map((w) => toPublicMaintenance(w, now, judge)) },
    forceMajeure: rows.forceMajeure
      .filter((e) => e.starts_at.getTime() <= now && e.ends_at.getTime() > now - RECENT_FORCE_MAJEURE_MS)
      .map((e) => toPublicForceMajeure(e, names)),
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
