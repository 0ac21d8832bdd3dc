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
  const out: ComponentUptime[] = [];
  for (const [window, length] of UPTIME_WINDOWS) {
    for (const row of await countProbes(db, uptimeSegments(now, length))) out.push({ window, ...row });
  }
  return out;
}

async function countProbes(db: Kysely<Database>, segments: Segment[]): Promise<Array<{ component: string; good: number; known: number }>> {
  // Joined from monitors so each rollup segment is an index range per monitor (the key starts with monitor_id).
  const parts = segments.map((s) =>
    s.source === 'raw'
      ? sql`select p.monitor_id, (p.state in ('up', 'degraded'))::int as good, (p.state <> 'unknown')::int as known
            from probe_results p where p.at >= ${new Date(s.from)} and p.at < ${new Date(s.to)}`
      : sql`select r.monitor_id, r.up + r.degraded as good, r.up + r.degraded + r.down as known
            from monitors m join probe_rollups r on r.monitor_id = m.id
            where r.resolution = ${s.source} and r.bucket >= ${new Date(s.from)} and r.bucket < ${new Date(s.to)}`,
  );
  // float8: int8 sums come back as strings from pg and as numbers from PGlite (toolchain.md).
  const result = await sql<{ component: string; good: number; known: number }>`
    select m.component_id as component, sum(x.good)::float8 as good, sum(x.known)::float8 as known
    from (${sql.join(parts, sql` union all `)}) x join monitors m on m.id = x.monitor_id
    group by m.component_id
    having sum(x.known) > 0
  `.execute(db);
  return result.rows;
}
