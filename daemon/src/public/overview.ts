import type { ComponentStatus } from '@sla/shared';
import { UNRESOLVED_INCIDENT_STATUSES, type OverviewResponse } from '@sla/shared/public-api/index.ts';
import { localDays, measureSpans, prepareFacts, UPTIME_WINDOW_MS, uptimeWindows, type UptimeWindow } from '@sla/shared/uptime/index.ts';
import type { ComponentRow } from '../catalog/catalog.repository.ts';
import { currentStatus } from './current-status.ts';
import type { PublicReadModel } from './read-model.ts';
import { toPublicForceMajeure } from './force-majeure.ts';
import { loadIncidents, newestFirst, toPublicIncident } from './incidents.ts';
import { maintenanceJudge, phaseOf, toPublicMaintenance } from './maintenance.ts';
import { occurrenceRows, UPCOMING_DAYS } from './occurrences.ts';
import type { Snapshot } from './snapshot.ts';
import { factsFrom } from './uptime-facts.ts';

export const BAR_DAYS = 90;
const DAY_MS = 86_400_000;
/** About 2 ms of work: the loop took 18–34 ms for the bench's 200 components on one busy core. */
const COMPONENTS_PER_SLICE = 16;
/** Force majeure stays on the front page this long after it ends. */
const RECENT_FORCE_MAJEURE_MS = 7 * DAY_MS;

/** What the front page shows of one component's past: uptime over the windows and the 90-day bar. */
type History = Pick<OverviewResponse['components'][number], 'uptime' | 'bar'>;

/** The past of every component, in one time zone, as of one snapshot and one minute. */
interface Histories {
  snapshot: Snapshot;
  minute: number;
  days: string[];
  byComponent: Promise<Map<string, History>>;
}

/** Time zones whose histories are kept; readers use one or two. */
const KEPT_ZONES = 8;

/**
 * The front page's data: every component with status, uptime and 90 local
 * days, plus what is going on now.
 *
 * Issue #5: the uptime and bars of 200 components × 90 days are tens of ms
 * of work — and garbage — on the thread that serves the crowd, and every page
 * render asked for them. They are computed once per time zone, snapshot and
 * minute: a new outage, window or approval changes the snapshot and shows at
 * once, and an outage still running shows in the figures within a minute.
 * Status, incidents, maintenance and force majeure are read live each time.
 */
export function createOverviewSource(d: PublicReadModel, snapshot: () => Promise<Snapshot>): (timeZone: string) => Promise<OverviewResponse> {
  const kept = new Map<string, Histories>();
  return async (timeZone) => {
    const current = await snapshot();
    const { components, rows } = current;
    const now = d.now();
    const minute = Math.floor(now / 60_000);
    let histories = kept.get(timeZone);
    if (histories === undefined || histories.snapshot !== current || histories.minute !== minute) {
      const days = localDays(now, timeZone, BAR_DAYS);
      histories = { snapshot: current, minute, days: days.map((day) => day.date), byComponent: computeHistories(d, current, days, now) };
      histories.byComponent.catch(() => kept.delete(timeZone));
      kept.delete(timeZone);
      kept.set(timeZone, histories);
      if (kept.size > KEPT_ZONES) kept.delete(kept.keys().next().value!);
    }
    const byComponent = await histories.byComponent;
    const judge = maintenanceJudge(d);
    // Issue #16: a recurring window as its occurrences in progress or of the next UPCOMING_DAYS days.
    const windows = occurrenceRows(rows.windows, now, now + UPCOMING_DAYS * DAY_MS);
    const active = windows.filter((w) => phaseOf(w, now) === 'active');
    const upcoming = windows.filter((w) => phaseOf(w, now) === 'upcoming').slice(0, 20);
    const incidents = await loadIncidents(d.db, (q) => newestFirst(q.where('status', 'in', UNRESOLVED_INCIDENT_STATUSES)));
    const names = new Map(components.map((c) => [c.id, c.name]));
    return {
      generatedAt: new Date(now).toISOString(),
      timeZone,
      days: histories.days,
      components: components.map((c) => ({ ...publicComponent(c, currentStatus(d.liveStatus(c.id), c.id, active)), ...byComponent.get(c.id)! })),
      incidents: incidents.map(toPublicIncident),
      maintenance: { active: active.map((w) => toPublicMaintenance(w, now, judge)), upcoming: upcoming.map((w) => toPublicMaintenance(w, now, judge)) },
      forceMajeure: rows.forceMajeure
        .filter((e) => e.starts_at.getTime() <= now && e.ends_at.getTime() > now - RECENT_FORCE_MAJEURE_MS)
        .map((e) => toPublicForceMajeure(e, names)),
    };
  };
}

async function computeHistories(d: PublicReadModel, { components, rows }: Snapshot, days: ReturnType<typeof localDays>, now: number): Promise<Map<string, History>> {
  const facts = factsFrom(rows, components, { from: Math.min(days[0]!.start, now - UPTIME_WINDOW_MS['90d']), to: now }, maintenanceJudge(d));
  const byComponent = new Map<string, History>();
  for (let i = 0; i < components.length; i++) {
    // In slices: readers are answered between them instead of waiting for all of it.
    if (i > 0 && i % COMPONENTS_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    const c = components[i]!;
    const prepared = prepareFacts(facts.get(c.id)!);
    const measured = measureSpans(prepared, days);
    byComponent.set(c.id, {
      uptime: floorRatios(uptimeWindows(prepared, now)),
      bar: { states: measured.map((m) => m.state), uptime: measured.map((m) => floorRatio(m.uptime)) },
    });
  }
  return byComponent;
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
