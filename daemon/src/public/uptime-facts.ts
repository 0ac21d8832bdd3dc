import type { UptimeFacts } from '@sla/shared/uptime/index.ts';
import { intersect, merge, type Interval } from '@sla/shared/time/intervals.ts';
import type { Impact } from '@sla/shared';
import type { ComponentRow } from '../catalog/catalog.repository.ts';
import type { PublicReadModel } from './read-model.ts';
import { covers, loadForceMajeure, type ForceMajeureRow } from './force-majeure.ts';
import { loadMaintenance, maintenanceJudge, notCancelled, type MaintenanceRow } from './maintenance.ts';
import { occurrenceRows } from './occurrences.ts';

/** The rows behind the uptime of some components since `from`: never an outage's failure message. */
export interface FactRows {
  monitors: Array<{ id: string; component_id: string }>;
  outages: Array<{ component_id: string; impact: Impact; started_at: Date; ended_at: Date | null }>;
  /** Not cancelled, ending after `from`; upcoming ones too; recurring ones whole (factsFrom takes their occurrences). */
  windows: MaintenanceRow[];
  /** Effective, ending after `from`. */
  forceMajeure: ForceMajeureRow[];
  unknown: Array<{ monitor_id: string; started_at: Date; ended_at: Date }>;
}

// Where PostgreSQL's timestamptz range ends is far beyond JavaScript's Date; this is far enough.
export const END_OF_TIME = new Date('9999-12-31T00:00:00Z');

export async function loadFactRows(d: PublicReadModel, componentIds: readonly string[], from: Date): Promise<FactRows> {
  if (componentIds.length === 0) return { monitors: [], outages: [], windows: [], forceMajeure: [], unknown: [] };
  const ids = [...componentIds];
  const [monitors, outages, windows, forceMajeure] = await Promise.all([
    d.db.selectFrom('monitors').select(['id', 'component_id']).where('active', '=', true).where('component_id', 'in', ids).execute(),
    d.db
      .selectFrom('outages')
      .select(['component_id', 'impact', 'started_at', 'ended_at'])
      .where('component_id', 'in', ids)
      .where('withdrawn_at', 'is', null)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]))
      .execute(),
    // A recurring window's first occurrence may be long past while its later ones are not (issue #16).
    loadMaintenance(d.db, (q) => notCancelled(q).where((eb) => eb.or([eb('ends_at', '>', from), eb('rrule', 'is not', null)])).orderBy('starts_at').orderBy('id')),
    loadForceMajeure(d, { from, to: END_OF_TIME }),
  ]);
  const monitorIds = monitors.map((m) => m.id);
  const unknown =
    monitorIds.length === 0
      ? []
      : await d.db.selectFrom('unknown_periods').select(['monitor_id', 'started_at', 'ended_at']).where('monitor_id', 'in', monitorIds).where('ended_at', '>', from).execute();
  return { monitors, outages, windows, forceMajeure, unknown };
}

/**
 * The facts the uptime rule (shared/src/uptime) needs for each component over
 * [from, to): outages (an open one ends at `to`), valid maintenance (SLA §C.1,
 * judged by `judge`), effective force majeure, and when no monitor of the
 * component was watching. A component without monitors was never watched:
 * its days have no data.
 */
export function factsFrom(rows: FactRows, components: readonly ComponentRow[], range: { from: number; to: number }, judge: ReturnType<typeof maintenanceJudge>): Map<string, UptimeFacts> {
  const by = <T>(list: readonly T[], key: (x: T) => string[]) => {
    const out = new Map<string, T[]>();
    for (const x of list) for (const k of key(x)) out.set(k, [...(out.get(k) ?? []), x]);
    return out;
  };
  const outages = by(rows.outages, (o) => [o.component_id]);
  const monitors = by(rows.monitors, (m) => [m.component_id]);
  const unknown = by(rows.unknown, (u) => [u.monitor_id]);
  const windows = by(
    // Issue #16: each occurrence of a recurring window in the range is judged as a window of its own.
    occurrenceRows(rows.windows, range.from, range.to).filter((w) => w.starts_at.getTime() < range.to && judge(w).valid),
    (w) => w.components.map((c) => c.id),
  );
  const whole: Interval[] = [{ start: range.from, end: range.to }];
  const facts = new Map<string, UptimeFacts>();
  for (const c of components) {
    const own = monitors.get(c.id) ?? [];
    // Nobody watched the component when none of its monitors did.
    const unwatched = own.length === 0 ? whole : own.map((m) => merge((unknown.get(m.id) ?? []).map((u) => span(u.started_at, u.ended_at)))).reduce((a, b) => intersect(a, b));
    facts.set(c.id, {
      monitoredFrom: c.created_at.getTime(),
      outages: (outages.get(c.id) ?? []).filter((o) => o.started_at.getTime() < range.to).map((o) => ({ start: o.started_at.getTime(), end: o.ended_at?.getTime() ?? range.to, impact: o.impact })),
      maintenance: (windows.get(c.id) ?? []).map((w) => span(w.starts_at, w.ends_at)),
      forceMajeure: rows.forceMajeure.filter((e) => covers(e, c.id) && e.starts_at.getTime() < range.to).map((e) => span(e.starts_at, e.ends_at)),
      unknown: unwatched,
    });
  }
  return facts;
}

/** factsFrom over rows read now: for one component's page or badge. */
export async function loadUptimeFacts(d: PublicReadModel, components: readonly ComponentRow[], range: { from: number; to: number }): Promise<Map<string, UptimeFacts>> {
  const rows = await loadFactRows(d, components.map((c) => c.id), new Date(range.from));
  return factsFrom(rows, components, range, maintenanceJudge(d));
}

const span = (start: Date, end: Date): Interval => ({ start: start.getTime(), end: end.getTime() });
