import { sql, type RawBuilder } from 'kysely';
import type { ProbeState } from '@sla/shared';

/**
 * How probe_result_hours stores a state (issue #7): a small integer, in order
 * of severity, so a bucket's worst state is the greatest code.
 */
export const STATE_CODES = ['up', 'degraded', 'down', 'unknown'] as const satisfies readonly ProbeState[];

const HOUR = 3_600_000;

/** The codes as a PostgreSQL text[] literal: state = codes[code + 1]. */
export const stateCodesSql = sql`array[${sql.join(STATE_CODES.map((s) => sql.lit(s)))}]::text[]`;

/**
 * Every stored result with `at` in [from, to), one row per probe with the
 * columns of probe_results, wherever it is kept: raw in probe_results (the
 * hour being written, or late rows not yet packed) or packed in
 * probe_result_hours (results/compaction.ts). Use as a FROM item.
 */
export function storedResults(from: Date, to: Date): RawBuilder<unknown> {
  const firstHour = new Date(Math.floor(from.getTime() / HOUR) * HOUR);
  return sql`(
    select monitor_id, location, at, state, duration_ms, failure_kind, failure_message, http_status
    from probe_results
    where at >= ${from} and at < ${to}
    union all
    select * from (
      select h.monitor_id, h.location, h.hour + u.offset_ms * interval '1 millisecond' as at, (${stateCodesSql})[u.state + 1] as state,
        u.duration_ms, u.failure_kind, u.failure_message, u.http_status::integer as http_status
      from probe_result_hours h,
        unnest(h.offsets_ms, h.states, h.durations_ms, h.http_statuses, h.failure_kinds, h.failure_messages)
          as u(offset_ms, state, duration_ms, http_status, failure_kind, failure_message)
      where h.hour >= ${firstHour} and h.hour < ${to}
    ) packed
    where at >= ${from} and at < ${to}
  )`;
}
