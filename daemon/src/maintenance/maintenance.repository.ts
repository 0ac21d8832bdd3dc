import type { MaintenanceKind } from '@sla/shared';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { NoticeChannel } from './maintenance.table.ts';

export interface WindowInput {
  kind: MaintenanceKind;
  title: string;
  description: string;
  components: string[];
  startsAt: Date;
  /** For a recurring window, its first occurrence's end. */
  endsAt: Date;
  /** Issue #16: the window recurs (docs/contract.md §3.1); its first occurrence is startsAt–endsAt. */
  recurrence?: { rrule: string; timeZone: string; duration: string } | undefined;
  /** The config's id, for a window the config seeds (seedWindows). */
  seedId?: string;
}

/** A recurring window's rule as the API shows it and a case file lists it (docs/case-file.md `recurrence`). */
export function recurrenceOf(w: { rrule: string | null; time_zone: string | null; duration: string | null; exdates: readonly string[] }) {
  return w.rrule === null || w.time_zone === null || w.duration === null ? null : { rrule: w.rrule, timeZone: w.time_zone, duration: w.duration, exdates: [...w.exdates].sort() };
}

export async function getWindow(db: Kysely<Database>, id: number) {
  const w = await db.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst();
  if (w === undefined) return undefined;
  const components = await db.selectFrom('maintenance_components').select('component_id').where('window_id', '=', id).orderBy('component_id').execute();
  const notices = await db.selectFrom('maintenance_notices').selectAll().where('window_id', '=', id).orderBy('sent_at').execute();
  return {
    id: w.id,
    kind: w.kind,
    title: w.title,
    description: w.description,
    components: components.map((c) => c.component_id),
    startsAt: w.starts_at.toISOString(),
    endsAt: w.ends_at.toISOString(),
    recurrence: recurrenceOf(w),
    notices: notices.map((n) => ({ sentAt: n.sent_at.toISOString(), channel: n.channel, provenance: n.provenance, recordedBy: n.recorded_by })),
    createdBy: w.created_by,
    cancelledAt: w.cancelled_at?.toISOString() ?? null,
    cancelledBy: w.cancelled_by,
  };
}

export type WindowView = NonNullable<Awaited<ReturnType<typeof getWindow>>>;

/**
 * A window created here is on the public status page from `at` on (upcoming,
 * active or past), and terms §7 counts the page's own announcement as a
 * notice (docs/contract.md §3.1): so creating one records a `status_page` notice
 * at that instant. Other channels are recorded with addNotice. It is
 * `declared` (issue #15): the operator's act, not a delivery anyone accepted;
 * a policy counting only delivered notices does not count it.
 */
export async function createWindow(db: Kysely<Database>, input: WindowInput, actor: string, at: Date, within?: (tx: Kysely<Database>, window: WindowView) => Promise<void>): Promise<WindowView> {
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('maintenance_windows')
      .values({
        kind: input.kind,
        title: input.title,
        description: input.description,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        rrule: input.recurrence?.rrule ?? null,
        time_zone: input.recurrence?.timeZone ?? null,
        duration: input.recurrence?.duration ?? null,
        seed_id: input.seedId ?? null,
        created_by: actor,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('maintenance_components').values(input.components.map((component_id) => ({ window_id: id, component_id }))).execute();
    await tx.insertInto('maintenance_notices').values({ window_id: id, sent_at: at, channel: 'status_page', provenance: 'declared', recorded_by: actor }).execute();
    const after = (await getWindow(tx, id))!;
    await recordAudit(tx, { actor, action: 'maintenance.create', entity: 'maintenance', entityId: id, after });
    await within?.(tx, after);
    return after;
  });
}

/** SLA §C.1: a notice is an announcement with an instant and a channel; the status page's own counts (terms §7). An operator's record of one is `declared` (issue #15). */
export async function addNotice(db: Kysely<Database>, id: number, sentAt: Date, channel: NoticeChannel, actor: string, at: Date): Promise<WindowView | 'before_window' | undefined> {
  return db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('maintenance_windows').select(['id', 'created_at']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (exists === undefined) return undefined;
    // A window cannot have been announced before it existed (issue #12).
    if (sentAt < exists.created_at) return 'before_window';
    await tx.insertInto('maintenance_notices').values({ window_id: id, sent_at: sentAt, channel, provenance: 'declared', recorded_by: actor }).execute();
    await tx.updateTable('maintenance_windows').set({ updated_at: at }).where('id', '=', id).execute();
    await recordAudit(tx, { actor, action: 'maintenance.notice', entity: 'maintenance', entityId: id, after: { sentAt, channel } });
    return (await getWindow(tx, id))!;
  });
}

export async function cancelWindow(db: Kysely<Database>, id: number, actor: string, at: Date, within?: (tx: Kysely<Database>, window: WindowView) => Promise<void>): Promise<WindowView | 'already' | undefined> {
  return db.transaction().execute(async (tx) => {
    const before = await getWindow(tx, id);
    if (before === undefined) return undefined;
    if (before.cancelledAt !== null) return 'already';
    await tx.updateTable('maintenance_windows').set({ cancelled_at: at, cancelled_by: actor, updated_at: at }).where('id', '=', id).execute();
    const after = (await getWindow(tx, id))!;
    await recordAudit(tx, { actor, action: 'maintenance.cancel', entity: 'maintenance', entityId: id, before, after });
    await within?.(tx, after);
    return after;
  });
}

/**
 * Issue #16: one local date of a recurring window skipped (an EXDATE), audited.
 * `isOccurrence` says whether the rule has an occurrence that date; the
 * answers that are not a window are the reasons a route refuses it.
 */
export async function skipDate(
  db: Kysely<Database>,
  id: number,
  date: string,
  isOccurrence: (window: WindowView) => boolean,
  actor: string,
  at: Date,
  within?: (tx: Kysely<Database>, window: WindowView) => Promise<void>,
): Promise<WindowView | 'not_recurring' | 'cancelled' | 'no_occurrence' | 'already' | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('maintenance_windows').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (row === undefined) return undefined;
    const before = (await getWindow(tx, id))!;
    if (before.recurrence === null) return 'not_recurring';
    if (before.cancelledAt !== null) return 'cancelled';
    if (before.recurrence.exdates.includes(date)) return 'already';
    if (!isOccurrence(before)) return 'no_occurrence';
    await tx.updateTable('maintenance_windows').set({ exdates: [...before.recurrence.exdates, date].sort(), updated_at: at }).where('id', '=', id).execute();
    const after = (await getWindow(tx, id))!;
    await recordAudit(tx, { actor, action: 'maintenance.skip', entity: 'maintenance', entityId: id, before: { exdates: before.recurrence.exdates }, after: { exdates: after.recurrence!.exdates } });
    await within?.(tx, after);
    return after;
  });
}

/**
 * Windows the config seeds (issue #16: the demo's nightly backup), each once,
 * by its config id, as `config`; the database is the record after. The ones
 * created now, whose components' contracts the caller recomputes.
 */
export async function seedWindows(db: Kysely<Database>, seeds: readonly WindowInput[], at: Date): Promise<WindowView[]> {
  const created: WindowView[] = [];
  for (const seed of seeds) {
    const exists = await db.selectFrom('maintenance_windows').select('id').where('seed_id', '=', seed.seedId!).executeTakeFirst();
    if (exists === undefined) created.push(await createWindow(db, seed, 'config', at));
  }
  return created;
}
