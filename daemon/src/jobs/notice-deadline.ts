import type { AlertRoute } from '@sla/shared';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { queueAlert } from '../outbox/alerts.ts';

const HOUR = 3_600_000;
/** docs/contract.md §3.1: the last notice an infrastructure window (and a version upgrade's second) needs goes out ≥ 24 h before its start. */
export const REQUIRED_NOTICE_MS = 24 * HOUR;
/** Issue #15: operators are told once the time left to give that notice is this or less. */
export const DEADLINE_WARNING_MS = 2 * HOUR;

/**
 * Issue #15, calendar job: each one-off window not yet started whose 24 h
 * notice is due within 2 h (or already late) and that has no notice
 * delivered by the outbox before that deadline alerts the operators — once
 * per window (the key is the window's id), however often the job runs.
 * Status-page notices do not count: they tell no customer's contact.
 */
export async function alertNoticeDeadlines(db: Db, routes: readonly AlertRoute[], now: Date): Promise<void> {
  if (!routes.some((r) => r.events.includes('notice.deadline'))) return;
  const due = await db
    .selectFrom('maintenance_windows as w')
    .select(['w.id', 'w.kind', 'w.title', 'w.starts_at'])
    .where('w.cancelled_at', 'is', null)
    .where('w.rrule', 'is', null)
    .where('w.kind', 'in', ['infrastructure', 'version_upgrade'])
    .where('w.starts_at', '>', now)
    .where('w.starts_at', '<=', new Date(now.getTime() + REQUIRED_NOTICE_MS + DEADLINE_WARNING_MS))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('maintenance_notices as n')
            .select('n.id')
            .whereRef('n.window_id', '=', 'w.id')
            .where('n.channel', '=', 'email')
            .where(sql<boolean>`n.sent_at <= w.starts_at - interval '24 hours'`),
        ),
      ),
    )
    .orderBy('w.id')
    .execute();
  for (const w of due) {
    const deadline = new Date(w.starts_at.getTime() - REQUIRED_NOTICE_MS);
    await queueAlert(db, routes, 'notice.deadline', w.id, { windowId: w.id, kind: w.kind, title: w.title, startsAt: w.starts_at.toISOString(), deadline: deadline.toISOString() }, now);
  }
}
