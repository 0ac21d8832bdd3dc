import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * When each component's public status last changed, up to `now` (issue #19:
 * Statuspage's component `updated_at`): an outage began or ended (the tracker
 * writes one row per change), its impact changed in place (`impact_changed_at`),
 * or a maintenance window began or ended. A window cancelled before it began
 * changed nothing; one cancelled while running ended then. Components with
 * none of these are absent: their row's own `updated_at` stands.
 */
export async function statusChangedAt(db: Db, now: number): Promise<Map<string, Date>> {
  const at = new Date(now);
  const result = await sql<{ component_id: string; t: Date | string }>`
    select component_id, max(t) as t from (
      select component_id, started_at as t from outages where started_at <= ${at}
      union all
      select component_id, ended_at from outages where ended_at <= ${at}
      union all
      select component_id, impact_changed_at from outages where impact_changed_at <= ${at}
      union all
      select mc.component_id, w.starts_at from maintenance_windows w join maintenance_components mc on mc.window_id = w.id
        where w.starts_at <= ${at} and (w.cancelled_at is null or w.cancelled_at > w.starts_at)
      union all
      select mc.component_id, least(w.ends_at, coalesce(w.cancelled_at, w.ends_at)) from maintenance_windows w join maintenance_components mc on mc.window_id = w.id
        where least(w.ends_at, coalesce(w.cancelled_at, w.ends_at)) <= ${at} and (w.cancelled_at is null or w.cancelled_at > w.starts_at)
    ) changes group by component_id`.execute(db);
  return new Map(result.rows.map((r) => [r.component_id, new Date(r.t)]));
}
