import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { UPTIME_WINDOWS, uptimeSegments, type Segment, type UptimeWindow } from './uptime-windows.ts';

export interface ComponentUptime {
  component: string;
  window: UptimeWindow;
  /** Probes that found the component's monitors up or degraded. */
  good: number;
  /** Probes with a known result (up, degraded, down); unknown ones (prober isolated) are left out. */
  known: number;
}

/**
 * Uptime of each component over each window (issue #6): probes of its
 * monitors that were up or degraded, over probes with a known result. A
 * component without a known probe in a window has no ratio (no sample),
 * rather than 0 or 1. Removed monitors still count for the time they ran.
 */
export async function readUptime(db: Kysely<Database>, now: number): Promise<ComponentUptime[]> {
  const monitors = await db.selectFrom('monitors').select(['id', 'component_id']).execute();
  const componentOf = new Map(monitors.map((m) => [m.id, m.component_id]));
  const out: ComponentUptime[] = [];
  for (const [window, length] of UPTIME_WINDOWS) {
    const segments = uptimeSegments(now, length);
    const totals = new Map<string, { good: number; known: number }>();
    // A few hundred monitors a query, with a turn of the event loop between:
    // embedded PGlite runs queries on the event loop and resolves them
    // without yielding to timers or sockets, so one long refresh would stall
    // every probe (8 s at 10,000 monitors, docs/benchmarks.md).
    for (let i = 0; i < monitors.length; i += MONITORS_PER_QUERY) {
      await new Promise((resolve) => setImmediate(resolve));
      // Ids are [a-z0-9_.-] (config schema): a comma-separated list is exact.
      const ids = monitors.slice(i, i + MONITORS_PER_QUERY).map((m) => m.id).join(',');
      for (const row of await countPerMonitor(db, ids, segments)) {
        const component = componentOf.get(row.monitor_id)!;
        const total = totals.get(component) ?? totals.set(component, { good: 0, known: 0 }).get(component)!;
        total.good += row.good;
        total.known += row.known;
      }
    }
    for (const [component, t] of totals) if (t.known > 0) out.push({ component, window, ...t });
  }
  return out;
}

const MONITORS_PER_QUERY = 50;

/**
 * Every part is a range of the (monitor_id, …) index for each listed
 * monitor, so neither the size of the tables (minute rollups, a week of raw
 * results) nor missing planner statistics (PGlite runs no autovacuum) turn
 * it into a scan of everything.
 */
async function countPerMonitor(db: Kysely<Database>, ids: string, segments: Segment[]): Promise<Array<{ monitor_id: string; good: number; known: number }>> {
  const listed = sql`monitor_id = any(string_to_array(${ids}, ','))`;
  const parts = segments.map((s) =>
    s.source === 'raw'
      ? sql`select monitor_id, count(*) filter (where state in ('up', 'degraded')) as good, count(*) filter (where state <> 'unknown') as known
            from probe_results where ${listed} and at >= ${new Date(s.from)} and at < ${new Date(s.to)} group by monitor_id`
      : sql`select monitor_id, sum(up + degraded) as good, sum(up + degraded + down) as known
            from probe_rollups where ${listed} and resolution = ${s.source} and bucket >= ${new Date(s.from)} and bucket < ${new Date(s.to)} group by monitor_id`,
  );
  // float8: int8 sums come back as strings from pg and as numbers from PGlite (toolchain.md).
  const { rows } = await sql<{ monitor_id: string; good: number; known: number }>`
    select monitor_id, sum(good)::float8 as good, sum(known)::float8 as known from (${sql.join(parts, sql` union all `)}) x group by monitor_id
  `.execute(db);
  return rows;
}
