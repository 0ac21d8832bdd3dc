import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Resolution } from './result.table.ts';
import { storedResults } from './stored-results.ts';

/**
 * Rolls the results of [from, to), raw or packed, up into per-monitor buckets (UTC) of the
 * given resolution: counts by state and latency percentiles of the answered
 * probes. Idempotent: re-running a window rewrites the buckets that changed.
 * Returns the rows written (new or changed).
 */
export async function rollUp(db: Kysely<Database>, resolution: Resolution, from: Date, to: Date): Promise<number> {
  const unit = sql.lit(resolution);
  const result = await sql`
    insert into probe_rollups (monitor_id, resolution, bucket, up, degraded, down, unknown, latency_p50_ms, latency_p95_ms, latency_p99_ms)
    select monitor_id, ${resolution}, date_trunc(${unit}, at, 'UTC') as bucket,
      (count(*) filter (where state = 'up'))::int,
      (count(*) filter (where state = 'degraded'))::int,
      (count(*) filter (where state = 'down'))::int,
      (count(*) filter (where state = 'unknown'))::int,
      percentile_cont(0.5) within group (order by duration_ms) filter (where state in ('up', 'degraded')),
      percentile_cont(0.95) within group (order by duration_ms) filter (where state in ('up', 'degraded')),
      percentile_cont(0.99) within group (order by duration_ms) filter (where state in ('up', 'degraded'))
    from ${storedResults(from, to)} as r
    group by monitor_id, bucket
    on conflict (monitor_id, resolution, bucket) do update set
      up = excluded.up, degraded = excluded.degraded, down = excluded.down, unknown = excluded.unknown,
      latency_p50_ms = excluded.latency_p50_ms, latency_p95_ms = excluded.latency_p95_ms, latency_p99_ms = excluded.latency_p99_ms
    -- The hour and day jobs re-roll each bucket twice: rewriting an unchanged row leaves a dead tuple and, on a full page,
    -- a new index entry (issue #7: ~40 % of the rollups' size). Only a changed
    -- bucket (a late batch landed) is written again.
    where (probe_rollups.up, probe_rollups.degraded, probe_rollups.down, probe_rollups.unknown,
           probe_rollups.latency_p50_ms, probe_rollups.latency_p95_ms, probe_rollups.latency_p99_ms)
      is distinct from (excluded.up, excluded.degraded, excluded.down, excluded.unknown,
           excluded.latency_p50_ms, excluded.latency_p95_ms, excluded.latency_p99_ms)
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface Retention {
  rawResults: number;
  hourRollups: number;
}

const HOUR = 3_600_000;

/**
 * Deletes what is past its retention (ms); day rollups are kept for good. A
 * packed hour goes once all of it is past: results are kept at least as long
 * as the setting says.
 */
export async function applyRetention(db: Kysely<Database>, keep: Retention, now: Date): Promise<void> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  await db.deleteFrom('probe_results').where('at', '<', before(keep.rawResults)).execute();
  await db.deleteFrom('probe_result_hours').where('hour', '<=', before(keep.rawResults + HOUR)).execute();
  await db.deleteFrom('probe_rollups').where('resolution', '=', 'hour').where('bucket', '<', before(keep.hourRollups)).execute();
}
