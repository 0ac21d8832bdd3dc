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

interface Counts {
  good: number;
  known: number;
}

/**
 * Uptime of each component over each window (issue #6): probes of its
 * monitors that were up or degraded, over probes with a known result. A
 * component without a known probe in a window has no ratio (no sample),
 * rather than 0 or 1. Removed monitors still count for the time they ran.
 *
 * The rolled-up part of the windows only moves when an hour (or a day)
 * turns, so it is read then and kept; every other call reads only the raw
 * results since the last complete hour rollup, once for all four windows.
 */
export function createUptimeReader(db: Kysely<Database>): (now: number) => Promise<ComponentUptime[]> {
  let rolled: { key: string; counts: Array<Map<string, Counts>> } | undefined;
  return async (now) => {
    const monitors = await db.selectFrom('monitors').select(['id', 'component_id']).execute();
    const plans = UPTIME_WINDOWS.map(([window, length]) => ({ window, segments: uptimeSegments(now, length) }));
    const past = plans.map((p) => p.segments.filter((s) => s.source !== 'raw'));
    const key = JSON.stringify(past);
    if (rolled?.key !== key) {
      const counts: Array<Map<string, Counts>> = [];
      for (const segments of past) counts.push(await countPerMonitor(db, monitors, segments));
      rolled = { key, counts };
    }
    // Every window ends with the same raw stretch (uptime-windows.ts).
    const raw = plans[0]!.segments.filter((s) => s.source === 'raw');
    const recent = await countPerMonitor(db, monitors, raw);

    const componentOf = new Map(monitors.map((m) => [m.id, m.component_id]));
    const out: ComponentUptime[] = [];
    plans.forEach(({ window }, w) => {
      const totals = new Map<string, Counts>();
      for (const counts of [rolled!.counts[w]!, recent]) {
        for (const [monitor, c] of counts) {
          const component = componentOf.get(monitor);
          if (component === undefined) continue;
          const total = totals.get(component) ?? totals.set(component, { good: 0, known: 0 }).get(component)!;
          total.good += c.good;
          total.known += c.known;
        }
      }
      for (const [component, t] of totals) if (t.known > 0) out.push({ component, window, ...t });
    });
    return out;
  };
}

/** One reading, nothing kept. */
export function readUptime(db: Kysely<Database>, now: number): Promise<ComponentUptime[]> {
  return createUptimeReader(db)(now);
}

const MONITORS_PER_QUERY = 50;
const RAW_SLICE_MS = 5 * 60_000;

/**
 * Probe counts per monitor over the segments, in many short queries with a
 * turn of the event loop between: embedded PGlite runs queries on the event
 * loop and resolves them without yielding to timers or sockets, so one long
 * read would stall every probe (docs/benchmarks.md). Rollups are read a few
 * dozen monitors at a time along their (monitor_id, …) key; raw results a
 * few minutes at a time along their `at` index, every monitor at once. So
 * neither the size of the tables (minute rollups, a week of raw results) nor
 * missing planner statistics (PGlite runs no autovacuum) make a query scan
 * more than its share.
 */
async function countPerMonitor(db: Kysely<Database>, monitors: Array<{ id: string }>, segments: Segment[]): Promise<Map<string, Counts>> {
  const counts = new Map<string, Counts>();
  const add = (rows: Array<{ monitor_id: string; good: number; known: number }>) => {
    for (const row of rows) {
      const c = counts.get(row.monitor_id) ?? counts.set(row.monitor_id, { good: 0, known: 0 }).get(row.monitor_id)!;
      c.good += row.good;
      c.known += row.known;
    }
  };
  const rolled = segments.filter((s) => s.source !== 'raw');
  if (rolled.length > 0) {
    for (let i = 0; i < monitors.length; i += MONITORS_PER_QUERY) {
      await new Promise((resolve) => setImmediate(resolve));
      // Ids are [a-z0-9_.-] (config schema): a comma-separated list is exact.
      add(await rollupQuery(db, monitors.slice(i, i + MONITORS_PER_QUERY).map((m) => m.id).join(','), rolled));
    }
  }
  for (const s of segments.filter((x) => x.source === 'raw')) {
    for (let from = s.from; from < s.to; from += RAW_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      add(await rawQuery(db, from, Math.min(from + RAW_SLICE_MS, s.to)));
    }
  }
  return counts;
}

// float8: int8 sums come back as strings from pg and as numbers from PGlite (toolchain.md).
async function rollupQuery(db: Kysely<Database>, ids: string, segments: Segment[]): Promise<Array<{ monitor_id: string; good: number; known: number }>> {
  const ranges = segments.map((s) => sql`(resolution = ${s.source} and bucket >= ${new Date(s.from)} and bucket < ${new Date(s.to)})`);
  const { rows } = await sql<{ monitor_id: string; good: number; known: number }>`
    select monitor_id, sum(up + degraded)::float8 as good, sum(up + degraded + down)::float8 as known
    from probe_rollups where monitor_id = any(string_to_array(${ids}, ',')) and (${sql.join(ranges, sql` or `)})
    group by monitor_id
  `.execute(db);
  return rows;
}

async function rawQuery(db: Kysely<Database>, from: number, to: number): Promise<Array<{ monitor_id: string; good: number; known: number }>> {
  const { rows } = await sql<{ monitor_id: string; good: number; known: number }>`
    select monitor_id, (count(*) filter (where state in ('up', 'degraded')))::float8 as good, (count(*) filter (where state <> 'unknown'))::float8 as known
    from probe_results where at >= ${new Date(from)} and at < ${new Date(to)}
    group by monitor_id
  `.execute(db);
  return rows;
}
