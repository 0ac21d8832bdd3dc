import type { OutageClass } from '@sla/shared';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';

/** docs/contract.md §1.1: an operator raises or lowers an outage's class, with a reason, audited. `null` returns it to automatic. */
export async function reclassifyOutage(db: Kysely<Database>, id: number, outageClass: OutageClass | null, reason: string, actor: string) {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('outages').select(['id', 'component_id', 'class_override', 'class_reason']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (before === undefined) return undefined;
    await tx.updateTable('outages').set({ class_override: outageClass, class_reason: reason }).where('id', '=', id).execute();
    await recordAudit(tx, { actor, action: 'outage.reclassify', entity: 'outage', entityId: id, before: { class: before.class_override, reason: before.class_reason }, after: { class: outageClass, reason } });
    return { id, componentId: before.component_id, class: outageClass, reason };
  });
}

export async function annotateOutage(db: Kysely<Database>, id: number, body: string, actor: string) {
  return db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('outages').select('id').where('id', '=', id).executeTakeFirst();
    if (exists === undefined) return undefined;
    const row = await tx.insertInto('outage_annotations').values({ outage_id: id, body, author: actor }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'outage.annotate', entity: 'outage', entityId: id, after: { annotation: row.id, body } });
    return { id: row.id, outage: id, body, author: actor, createdAt: row.created_at.toISOString() };
  });
}
