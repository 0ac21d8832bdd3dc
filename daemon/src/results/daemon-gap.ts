import type { Kysely } from 'kysely';
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
  const last = await db
    .selectFrom('probe_results')
    .select(['monitor_id', (eb) => eb.fn.max('at').as('last_at')])
    .where('monitor_id', 'in', monitors.map((m) => m.id))
    .groupBy('monitor_id')
    .execute();
  const states = await db.selectFrom('monitor_states').select(['monitor_id', 'since']).where('monitor_id', 'in', monitors.map((m) => m.id)).execute();
  const lastAt = new Map<string, Date>();
  for (const [id, at] of [...last.map((r) => [r.monitor_id, new Date(r.last_at as Date | string)] as const), ...states.map((s) => [s.monitor_id, s.since] as const)])
    if (!(lastAt.get(id)! >= at)) lastAt.set(id, at);
  const gaps = monitors.flatMap((m) => {
    const from = lastAt.get(m.id);
    return from !== undefined && now.getTime() - from.getTime() > 2 * m.intervalMs
      ? [{ monitor_id: m.id, started_at: from, ended_at: now, reason: 'daemon_down' as const }]
      : [];
  });
  if (gaps.length > 0) await db.insertInto('unknown_periods').values(gaps).execute();
  return gaps.length;
}
