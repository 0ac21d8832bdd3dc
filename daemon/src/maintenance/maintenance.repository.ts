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
  endsAt: Date;
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
      .values({ kind: input.kind, title: input.title, description: input.description, starts_at: input.startsAt, ends_at: input.endsAt, created_by: actor, created_at: at, updated_at: at })
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
