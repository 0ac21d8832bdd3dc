import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { stateCodesSql } from './stored-results.ts';

/**
 * Packs the raw results older than `before` into one probe_result_hours row
 * per monitor, location (issue #14) and hour (issue #7: ~20 bytes a result with its share of the key and index, instead of 107). One
 * statement, so a crash leaves every result either raw or packed, never
 * neither. Results that land after their hour was packed (a batch held back
 * while the database was away) are appended to its arrays by the next run.
 * An hour per statement: after an upgrade a week of raw rows is packed in
 * steps, and on embedded PGlite the event loop runs between them.
 */
export async function packResults(db: Kysely<Database>, before: Date): Promise<void> {
  const { oldest } = await db.selectFrom('probe_results').select((eb) => eb.fn.min('at').as('oldest')).executeTakeFirstOrThrow();
  if (oldest === null) return;
  for (let from = Math.floor(new Date(oldest).getTime() / HOUR) * HOUR; from < before.getTime(); from += HOUR)
    await packHour(db, new Date(from), new Date(Math.min(from + HOUR, before.getTime())));
}

const HOUR = 3_600_000;

async function packHour(db: Kysely<Database>, from: Date, to: Date): Promise<void> {
  await sql`
    with moved as (
      delete from probe_results where at >= ${from} and at < ${to}
      returning monitor_id, location, at, state, duration_ms, failure_kind, failure_message, http_status
    ),
    numbered as (
      select moved.*, date_trunc('hour', at, 'UTC') as hour,
        -- One order for every array of a row, even among equal instants.
        row_number() over (partition by monitor_id, location, date_trunc('hour', at, 'UTC') order by at) as n
      from moved
      -- Issue #12: a result already in its packed hour (written again after
      -- its acknowledgement was lost, once the hour had been packed) is not
      -- appended twice; its raw copy is deleted all the same.
      where not exists (
        select 1 from probe_result_hours h
        where h.hour = date_trunc('hour', moved.at, 'UTC') and h.monitor_id = moved.monitor_id and h.location = moved.location
          and floor(extract(epoch from moved.at - h.hour) * 1000)::integer = any(h.offsets_ms)
      )
    )
    insert into probe_result_hours (monitor_id, location, hour, offsets_ms, states, durations_ms, http_statuses, failure_kinds, failure_messages)
    select monitor_id, location, hour,
      array_agg(floor(extract(epoch from at - hour) * 1000)::integer order by n),
      array_agg((array_position(${stateCodesSql}, state) - 1)::smallint order by n),
      array_agg(duration_ms order by n),
      array_agg(http_status::smallint order by n),
      array_agg(failure_kind order by n),
      array_agg(failure_message order by n)
    from numbered
    group by monitor_id, location, hour
    on conflict (hour, monitor_id, location) do update set
      offsets_ms = probe_result_hours.offsets_ms || excluded.offsets_ms,
      states = probe_result_hours.states || excluded.states,
      durations_ms = probe_result_hours.durations_ms || excluded.durations_ms,
      http_statuses = probe_result_hours.http_statuses || excluded.http_statuses,
      failure_kinds = probe_result_hours.failure_kinds || excluded.failure_kinds,
      failure_messages = probe_result_hours.failure_messages || excluded.failure_messages
  `.execute(db);
}
