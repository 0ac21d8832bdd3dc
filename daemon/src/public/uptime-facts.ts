import type { UptimeFacts } from '@sla/shared/uptime/index.ts';
import { intersect, merge, type Interval } from '@sla/shared/time/intervals.ts';
import type { ComponentRow } from '../catalog/catalog.repository.ts';
import type { PublicDeps } from './deps.ts';
import { covers, loadForceMajeure } from './force-majeure.ts';
import { loadMaintenance, maintenanceJudge, notCancelled } from './maintenance.ts';

/**
 * The facts the uptime rule (shared/src/uptime) needs for each component over
 * [from, to): outages (an open one ends at `to`), valid maintenance, effective
 * force majeure, and when no monitor of the component was watching. A
 * component without monitors was never watched: its days have no data.
 */
export async function loadUptimeFacts(d: PublicDeps, components: readonly ComponentRow[], range: { from: number; to: number }): Promise<Map<string, UptimeFacts>> {
  const ids = components.map((c) => c.id);
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (ids.length === 0) return new Map();
  const [monitors, outages, windows, forceMajeure] = await Promise.all([
    d.db.selectFrom('monitors').select(['id', 'component_id']).where('active', '=', true).where('component_id', 'in', ids).execute(),
    d.db
      .selectFrom('outages')
      // Never failure_message: it can name internal hosts.
      .select(['component_id', 'impact', 'started_at', 'ended_at'])
      .where('component_id', 'in', ids)
      .where('started_at', '<', to)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]))
      .execute(),
    loadMaintenance(d.db, (q) => notCancelled(q).where('starts_at', '<', to).where('ends_at', '>', from)),
    loadForceMajeure(d, { from, to }),
  ]);
  const monitorIds = monitors.map((m) => m.id);
  const unknown =
    monitorIds.length === 0
      ? []
      : await d.db
          .selectFrom('unknown_periods')
          .select(['monitor_id', 'started_at', 'ended_at'])
          .where('monitor_id', 'in', monitorIds)
          .where('started_at', '<', to)
          .where('ended_at', '>', from)
          .execute();

  const judge = maintenanceJudge(d);
  const valid = windows.filter((w) => judge(w).valid);
  const whole: Interval[] = [{ start: range.from, end: range.to }];
  const facts = new Map<string, UptimeFacts>();
  for (const c of components) {
    const own = monitors.filter((m) => m.component_id === c.id).map((m) => m.id);
    // Nobody watched the component when none of its monitors did.
    const unwatched = own.length === 0 ? whole : own.map((id) => merge(unknown.filter((u) => u.monitor_id === id).map((u) => span(u.started_at, u.ended_at)))).reduce((a, b) => intersect(a, b));
    facts.set(c.id, {
      monitoredFrom: c.created_at.getTime(),
      outages: outages
        .filter((o) => o.component_id === c.id)
        .map((o) => ({ start: o.started_at.getTime(), end: o.ended_at?.getTime() ?? range.to, impact: o.impact })),
      maintenance: valid.filter((w) => w.components.some((x) => x.id === c.id)).map((w) => span(w.starts_at, w.ends_at)),
      forceMajeure: forceMajeure.filter((e) => covers(e, c.id)).map((e) => span(e.starts_at, e.ends_at)),
      unknown: unwatched,
    });
  }
  return facts;
}

const span = (start: Date, end: Date): Interval => ({ start: start.getTime(), end: end.getTime() });
