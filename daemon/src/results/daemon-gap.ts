import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Issue #2: the time the daemon was not running is recorded as `unknown` for
 * its monitors, never as up or down. At start, each monitor's gap runs from
 * the last instant we know it was watched — its last stored result, or its
 * last committed state change when a kill -9 took the unflushed results — to
 * now; a gap shorter than two intervals is the restart itself, not worth a row.
 */
export async function recordDaemonGap(
  db: Kysely<Database>,
  monitors: Array<{ id: string; intervalMs: number }>,
  now: Date,
): Promise<number> {
  if (monitors.length === 0) return 0;
  const lastAt = new Map<string, Date>();
  const later = (id: string, at: Date) => {
    if (!(lastAt.get(id)! >= at)) lastAt.set(id, at);
  };
  for (const r of await lastResults(db, monitors.map((m) => m.id), now)) later(r.monitorId, r.at);
  const states = await db.selectFrom('monitor_states').select(['monitor_id', 'since']).where('monitor_id', 'in', monitors.map((m) => m.id)).execute();
  for (const s of states) later(s.monitor_id, s.since);
  const gaps = monitors.flatMap((m) => {
    const from = lastAt.get(m.id);
    return from !== undefined && now.getTime() - from.getTime() > 2 * m.intervalMs
      ? [{ monitor_id: m.id, started_at: from, ended_at: now, reason: 'daemon_down' as const }]
      : [];
  });
  if (gaps.length > 0) await db.insertInto('unknown_periods').values(gaps).execute();
  return gaps.length;
}

/** Look-back windows from now: an hour, a day, then everything retention kept. */
const HOUR = 3_600_000;
const LOOK_BACK_MS = [HOUR, 86_400_000, Infinity];

/**
 * Each monitor's latest stored result, raw or packed. Both tables are keyed by
 * time first (issue #7), so the search goes back from now in growing windows:
 * after an ordinary restart the last hour answers for every monitor, and only
 * monitors silent for over a day cost a look at everything retention kept.
 */
async function lastResults(db: Kysely<Database>, ids: string[], now: Date): Promise<Array<{ monitorId: string; at: Date }>> {
  const found: Array<{ monitorId: string; at: Date }> = [];
  let missing = ids;
  for (const back of LOOK_BACK_MS) {
    if (missing.length === 0) break;
    const since = Number.isFinite(back) ? new Date(now.getTime() - back) : new Date(0);
    const raw = await db
      .selectFrom('probe_results')
      .select(['monitor_id', (eb) => eb.fn.max('at').as('last_at')])
      .where('monitor_id', 'in', missing)
      .where('at', '>=', since)
      .groupBy('monitor_id')
      .execute();
    // Every probe of a packed hour lies inside it: a monitor's latest hour holds its latest result.
    const packed = await sql<{ monitor_id: string; last_at: Date | string }>`
      select distinct on (monitor_id) monitor_id, hour + (select max(o) from unnest(offsets_ms) o) * interval '1 millisecond' as last_at
      from probe_result_hours
      where monitor_id in (${sql.join(missing)}) and hour >= ${new Date(since.getTime() - HOUR)}
      order by monitor_id, hour desc
    `.execute(db);
    for (const r of [...raw, ...packed.rows]) found.push({ monitorId: r.monitor_id, at: new Date(r.last_at as Date | string) });
    const seen = new Set(found.map((r) => r.monitorId));
    missing = missing.filter((id) => !seen.has(id));
  }
  return found;
}
