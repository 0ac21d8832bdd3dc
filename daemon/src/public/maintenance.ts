import type { MaintenancePhase, PublicMaintenance } from '@sla/shared/public-api/index.ts';
import type { NoticeProvenance } from '@sla/shared';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/database.ts';
import { recurrenceOf } from '../maintenance/maintenance.repository.ts';
import { publicWindowJudge } from './public-verdict.ts';
import type { PublicReadModel } from './read-model.ts';

export type WindowQuery = SelectQueryBuilder<Database, 'maintenance_windows', Record<never, never>>;

/** A window with what the public may see: never who created or cancelled it. */
export interface MaintenanceRow {
  id: number;
  kind: PublicMaintenance['kind'];
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  cancelled_at: Date | null;
  created_at: Date;
  updated_at: Date;
  /** Changes of the event, for iCalendar SEQUENCE (issue #19). */
  revision: number;
  components: Array<{ id: string; name: string }>;
  notices: Array<{ sent_at: Date; channel: PublicMaintenance['notices'][number]['channel']; provenance: NoticeProvenance }>;
  /** Issue #16: a recurring window's rule (starts_at–ends_at are then its first occurrence); null for a one-off. */
  recurrence: ReturnType<typeof recurrenceOf>;
  /** An occurrence of a recurring window (occurrences.ts): its local date, the starts_at–ends_at being its own. */
  occurrence?: string;
}

/** Windows chosen by `filter` (where, order, limit), with their components and notices. */
export async function loadMaintenance(db: Kysely<Database>, filter: (q: WindowQuery) => WindowQuery): Promise<MaintenanceRow[]> {
  const windows = await filter(db.selectFrom('maintenance_windows'))
    .select(['id', 'kind', 'title', 'description', 'starts_at', 'ends_at', 'cancelled_at', 'created_at', 'updated_at', 'revision', 'rrule', 'time_zone', 'duration', 'exdates'])
    .execute();
  if (windows.length === 0) return [];
  const ids = windows.map((w) => w.id);
  const [components, notices] = await Promise.all([
    db
      .selectFrom('maintenance_components as mc')
      .innerJoin('components as c', 'c.id', 'mc.component_id')
      .select(['mc.window_id', 'c.id', 'c.name'])
      .where('mc.window_id', 'in', ids)
      .orderBy('c.position')
      .execute(),
    db.selectFrom('maintenance_notices').select(['window_id', 'sent_at', 'channel', 'provenance']).where('window_id', 'in', ids).orderBy('sent_at').orderBy('id').execute(),
  ]);
  return windows.map(({ rrule, time_zone, duration, exdates, ...w }) => ({
    ...w,
    recurrence: recurrenceOf({ rrule, time_zone, duration, exdates }),
    components: components.filter((c) => c.window_id === w.id).map((c) => ({ id: c.id, name: c.name })),
    notices: notices.filter((n) => n.window_id === w.id).map((n) => ({ sent_at: n.sent_at, channel: n.channel, provenance: n.provenance })),
  }));
}

export const notCancelled = (q: WindowQuery) => q.where('cancelled_at', 'is', null);

/** One-off windows not cancelled and in progress at `now` (a recurring window's occurrences: occurrences.ts activeMaintenance). */
export const activeAt = (now: Date) => (q: WindowQuery) => notCancelled(q).where('rrule', 'is', null).where('starts_at', '<=', now).where('ends_at', '>', now).orderBy('starts_at').orderBy('id');

/** One-off windows not cancelled and not started at `now`, soonest first (recurring ones: occurrences.ts upcomingMaintenance). */
export const upcomingAt = (now: Date) => (q: WindowQuery) => notCancelled(q).where('rrule', 'is', null).where('starts_at', '>', now).orderBy('starts_at').orderBy('id');

/** Recurring windows not cancelled that have started by `at`: those whose occurrences may be in progress or to come. */
export const recurringBy = (at: Date) => (q: WindowQuery) => notCancelled(q).where('rrule', 'is not', null).where('starts_at', '<=', at).orderBy('starts_at').orderBy('id');

export function phaseOf(w: Pick<MaintenanceRow, 'starts_at' | 'ends_at' | 'cancelled_at'>, now: number): MaintenancePhase {
  if (w.cancelled_at !== null) return 'cancelled';
  if (now < w.starts_at.getTime()) return 'upcoming';
  if (now < w.ends_at.getTime()) return 'active';
  return 'completed';
}

/**
 * SLA §C.1 (docs/contract.md §3.1), judged by the engine in the policy's zone:
 * the status page leaves only valid windows out of uptime.
 */
export function maintenanceJudge(d: Pick<PublicReadModel, 'latestEnd' | 'declaredNoticesCount'>) {
  const judge = publicWindowJudge(d);
  return (w: MaintenanceRow) => judge({ kind: w.kind, startsAt: w.starts_at, endsAt: w.ends_at, notices: w.notices.map((n) => ({ sentAt: n.sent_at, provenance: n.provenance })) });
}

export function toPublicMaintenance(w: MaintenanceRow, now: number, judge: ReturnType<typeof maintenanceJudge>): PublicMaintenance {
  const verdict = judge(w);
  return {
    id: w.id,
    kind: w.kind,
    title: w.title,
    description: w.description,
    ...(w.occurrence === undefined ? {} : { occurrence: w.occurrence }),
    startsAt: w.starts_at.toISOString(),
    endsAt: w.ends_at.toISOString(),
    phase: phaseOf(w, now),
    cancelledAt: w.cancelled_at?.toISOString() ?? null,
    components: w.components,
    notices: w.notices.map((n) => ({ sentAt: n.sent_at.toISOString(), channel: n.channel })),
    valid: verdict.valid,
    violations: verdict.violations,
  };
}
