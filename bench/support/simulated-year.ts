import { sql, type Kysely } from '../../daemon/node_modules/kysely/dist/index.js';
import type { Database } from '../../daemon/src/db/database.ts';
import { createResultWriter, type NewResult } from '../../daemon/src/results/result-writer.ts';
import { packResults } from '../../daemon/src/results/compaction.ts';
import { applyRetention, rollUp, type Retention } from '../../daemon/src/results/rollups.ts';
import { seededRandom } from '../../shared/src/random/seeded.ts';

// A year of probe results for `monitors` monitors every `intervalS`, time
// compressed through an injected clock (issue #7, `bench storage`):
//
// - The last `fullDays` days go through the real path: every result through
//   createResultWriter, then the calendar jobs' own calls at their cadence in
//   simulated time — rollUp('hour') hourly over the last two hours, then
//   packResults of the finished hours, rollUp('day') daily over the last two
//   days, applyRetention hourly — and a plain VACUUM of probe_results after
//   each packing and of everything once a simulated day (autovacuum's
//   thresholds, 50 rows + 20 % of a table, are crossed about that often).
// - The days before hold what retention keeps of them by the end: day rollup
//   rows, and hour rollup rows for the days hour retention still covers,
//   written straight into probe_rollups with the columns the rollup job fills
//   (their raw results would have been deleted by then), through the same
//   retention once a simulated day.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface YearOptions {
  monitors: number;
  intervalS: number;
  days: number;
  fullDays: number;
  retention: Retention;
  start: number;
  /** Progress, once a simulated day. */
  onDay?: (day: number, phase: 'rollups only' | 'full') => void;
}

export interface YearTotals {
  results: number;
  syntheticRollupRows: number;
}

export async function simulateYear(db: Kysely<Database>, o: YearOptions): Promise<YearTotals> {
  const ids = Array.from({ length: o.monitors }, (_, i) => `m-${String(i).padStart(5, '0')}`);
  const firstFull = o.days - o.fullDays;
  let syntheticRollupRows = 0;
  for (let day = 0; day < firstFull; day++) {
    const from = o.start + day * DAY;
    // Hour rollups only for the days that hour retention still covers at the end of the year.
    const hours = (o.days - day) * DAY <= o.retention.hourRollups + DAY;
    syntheticRollupRows += await writeDayOfRollups(db, o.monitors, o.intervalS, from, hours);
    await applyRetention(db, o.retention, new Date(from + DAY));
    await vacuum(db);
    o.onDay?.(day, 'rollups only');
  }
  const writer = createResultWriter({ db, flushEveryMs: 3_600_000, maxBuffered: Number.MAX_SAFE_INTEGER });
  const random = seededRandom(20260101);
  let results = 0;
  try {
    for (let day = firstFull; day < o.days; day++) {
      const dayStart = o.start + day * DAY;
      for (let hour = 0; hour < 24; hour++) {
        const h = dayStart + hour * HOUR;
        for (let t = h; t < h + HOUR; t += o.intervalS * 1000)
          for (let i = 0; i < ids.length; i++) {
            writer.push(result(ids[i]!, t + ((i * 7919) % (o.intervalS * 1000)), random));
            results++;
          }
        await writer.flush();
        // The calendar jobs of the hour that just ended (jobs/calendar.ts), at its end.
        await rollUp(db, 'hour', new Date(h - HOUR), new Date(h + HOUR));
        await packResults(db, new Date(h + HOUR));
        // probe_results now holds the current hour only: autovacuum (50 rows + 20 % of the table) would clean it within a minute.
        await sql`vacuum probe_results`.execute(db);
        await applyRetention(db, o.retention, new Date(h + HOUR));
      }
      await rollUp(db, 'day', new Date(dayStart - DAY), new Date(dayStart + DAY));
      await vacuum(db);
      o.onDay?.(day, 'full');
    }
  } finally {
    await writer.close();
  }
  return { results, syntheticRollupRows };
}

/** One probe result: mostly up at 5–60 ms, 1 % degraded (slow), 0.3 % down with a message, as a healthy fleet looks. */
function result(monitor: string, at: number, random: () => number): NewResult {
  const roll = random();
  if (roll < 0.003)
    return { monitor_id: monitor, at: new Date(at), state: 'down', duration_ms: 5000, failure_kind: 'timeout', failure_message: 'no response within 5000 ms (connect to 10.20.30.40:443)', http_status: null };
  const slow = roll < 0.013;
  return { monitor_id: monitor, at: new Date(at), state: slow ? 'degraded' : 'up', duration_ms: slow ? 2000 + random() * 3000 : 5 + random() * 55, failure_kind: slow ? 'latency' : null, failure_message: null, http_status: 200 };
}

/**
 * A day of rollups for every monitor, in the order the jobs write them (each
 * bucket for all monitors, then the next), with values like the rollup of
 * `result()`: hour buckets (when asked), then the day bucket.
 */
async function writeDayOfRollups(db: Kysely<Database>, monitors: number, intervalS: number, from: number, hours: boolean): Promise<number> {
  const perHour = Math.round(3600 / intervalS);
  const buckets = [...(hours ? Array.from({ length: 24 }, (_, h) => ['hour', from + h * HOUR, perHour] as const) : []), ['day', from, perHour * 24] as const];
  let rows = 0;
  for (const [resolution, bucket, probes] of buckets) {
    const result = await sql`
      insert into probe_rollups (monitor_id, resolution, bucket, up, degraded, down, unknown, latency_p50_ms, latency_p95_ms, latency_p99_ms)
      select 'm-' || lpad(i::text, 5, '0'), ${resolution}, ${new Date(bucket)},
        ${probes} - d - s, s, d, 0,
        32.5 + random() * 5, 57 + random() * 2, 59 + random() * 2000
      from (select i, (random() < 0.15)::int as d, (random() < 0.5)::int as s from generate_series(0, ${monitors - 1}) i) x
    `.execute(db);
    rows += Number(result.numAffectedRows ?? 0);
  }
  return rows;
}

async function vacuum(db: Kysely<Database>): Promise<void> {
  for (const table of ['probe_results', 'probe_result_hours', 'probe_rollups']) await sql`vacuum ${sql.table(table)}`.execute(db);
}

