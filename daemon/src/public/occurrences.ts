import { occurrences } from '@sla/shared/engine/recurrence.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { activeAt, loadMaintenance, recurringBy, upcomingAt, type MaintenanceRow } from './maintenance.ts';

// Issue #16 (docs/contract.md §3.1): on the public side a recurring window is
// its occurrences too, each shown and judged as a window of its own; the
// status page lists those of the next UPCOMING_DAYS days.

/** How far ahead the status page lists a recurring window's occurrences. */
export const UPCOMING_DAYS = 7;
const DAY_MS = 86_400_000;

/** Each recurring row replaced by its occurrences overlapping [from, to), in time order; one-off rows as they are. */
export function occurrenceRows(rows: readonly MaintenanceRow[], from: number, to: number): MaintenanceRow[] {
  return rows
    .flatMap((row) => {
      if (row.recurrence === null || row.occurrence !== undefined) return [row];
      const recurrence = { ...row.recurrence, duration: Temporal.Duration.from(row.recurrence.duration) };
      const bounds = { start: Math.floor(from / 1000), end: Math.ceil(to / 1000) };
      return occurrences(Math.floor(row.starts_at.getTime() / 1000), recurrence, bounds).map((o) => ({ ...row, starts_at: new Date(o.start * 1000), ends_at: new Date(o.end * 1000), occurrence: o.date }));
    })
    .sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime() || a.id - b.id);
}

/** Windows in progress at `now`: one-off ones and occurrences. */
export async function activeMaintenance(db: Kysely<Database>, now: number): Promise<MaintenanceRow[]> {
  const [once, recurring] = await Promise.all([loadMaintenance(db, activeAt(new Date(now))), loadMaintenance(db, recurringBy(new Date(now)))]);
  const inProgress = occurrenceRows(recurring, now, now + 1).filter((w) => w.starts_at.getTime() <= now && now < w.ends_at.getTime());
  return occurrenceRows([...once, ...inProgress], now, now + 1);
}

/** Windows to come after `now`: one-off ones (at most `limit`), and occurrences starting in the next UPCOMING_DAYS days; soonest first. */
export async function upcomingMaintenance(db: Kysely<Database>, now: number, limit = Number.MAX_SAFE_INTEGER): Promise<MaintenanceRow[]> {
  const horizon = now + UPCOMING_DAYS * DAY_MS;
  const [once, recurring] = await Promise.all([loadMaintenance(db, (q) => upcomingAt(new Date(now))(q).limit(limit)), loadMaintenance(db, recurringBy(new Date(horizon)))]);
  const coming = occurrenceRows(recurring, now, horizon).filter((w) => w.starts_at.getTime() > now);
  return occurrenceRows([...once, ...coming], now, horizon).slice(0, limit);
}
