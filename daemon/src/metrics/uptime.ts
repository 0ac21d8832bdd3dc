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
      for (const segments of past) counts.push(await countPerMonitor(db, segments));
      rolled = { key, counts };
    }
    // Every window ends with the same raw stretch (uptime-windows.ts).
    const raw = plans[0]!.segments.filter((s) => s.source === 'raw');
    const recent = await countPerMonitor(db, raw);

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

/** How much of a segment one query reads: ~50,000 rows at 10,000 monitors probed every minute. */
const SLICE_MS: Record<Segment['source'], number> = { day: 5 * 86_400_000, hour: 5 * 3_600_000, raw: 5 * 60_000 };

/**
 * Probe counts per monitor over the segments, every monitor at once, along
 * the time-ordered keys of both tables (`probe_rollups (resolution, bucket,
 * monitor_id)`, `probe_results (at)`): each query reads only its rows, with
 * or without planner statistics (PGlite runs no autovacuum). Segments are
 * read a slice at a time with a turn of the event loop between: embedded
 * PGlite runs a query on the event loop and resolves it without yielding
 * to timers or sockets, so one long read would stall every probe
 * (docs/benchmarks.md).
 */
async function countPerMonitor(db: Kysely<Database>, segments: Segment[]): Promise<Map<string, Counts>> {
  const counts = new Map<string, Counts>();
  for (const s of segments) {
    for (let from = s.from; from < s.to; from += SLICE_MS[s.source]) {
      await new Promise((resolve) => setImmediate(resolve));
      for (const row of await countQuery(db, s.source, from, Math.min(from + SLICE_MS[s.source], s.to))) {
        const c = counts.get(row.monitor_id) ?? counts.set(row.monitor_id, { good: 0, known: 0 }).get(row.monitor_id)!;
        c.good += row.good;
        c.known += row.known;
      }
    }
  }
  return counts;
}

// float8: int8 sums come back as strings from pg and as numbers from PGlite (toolchain.md).
async function countQuery(db: Kysely<Database>, source: Segment['source'], from: number, to: number): Promise<Array<{ monitor_id: string; good: number; known: number }>> {
  const query =
    source === 'raw'
      ? sql<{ monitor_id: string; good: number; known: number }>`
          select monitor_id, (count(*) filter (where state in ('up', 'degraded')))::float8 as good, (count(*) filter (where state <> 'unknown'))::float8 as known
          from probe_results where at >= ${new Date(from)} and at < ${new Date(to)}
          group by monitor_id`
      : sql<{ monitor_id: string; good: number; known: number }>`
          select monitor_id, sum(up + degraded)::float8 as good, sum(up + degraded + down)::float8 as known
          from probe_rollups where resolution = ${source} and bucket >= ${new Date(from)} and bucket < ${new Date(to)}
          group by monitor_id`;
  return (await query.execute(db)).rows;
}
