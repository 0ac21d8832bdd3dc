import type { ForceMajeureCategory } from '@sla/shared';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { ForceMajeureTable } from './force-majeure.table.ts';

export interface DeclareInput {
  category: ForceMajeureCategory;
  description: string;
  evidence: string;
  /** undefined = every component. */
  components?: string[];
  startsAt: Date;
  endsAt: Date;
}

type Row = Selectable<ForceMajeureTable>;

export function viewOf(f: Row) {
  return {
    id: f.id,
    category: f.category,
    description: f.description,
    evidence: f.evidence,
    components: f.components,
    startsAt: f.starts_at.toISOString(),
    endsAt: f.ends_at.toISOString(),
    declaredBy: f.declared_by,
    approvedBy: f.approved_by,
    approvedAt: f.approved_at?.toISOString() ?? null,
    withdrawnBy: f.withdrawn_by,
    withdrawnAt: f.withdrawn_at?.toISOString() ?? null,
  };
}

export async function getForceMajeure(db: Kysely<Database>, id: number): Promise<Row | undefined> {
  return db.selectFrom('force_majeure').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function declareForceMajeure(db: Kysely<Database>, input: DeclareInput, actor: string): Promise<Row> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('force_majeure')
      .values({
        category: input.category,
        description: input.description,
        evidence: input.evidence,
        components: input.components === undefined ? null : JSON.stringify(input.components),
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        declared_by: actor,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'force_majeure.declare', entity: 'force_majeure', entityId: row.id, after: viewOf(row) });
    return row;
  });
}

/** Sets approval or withdrawal once, guarded by the row's current state; undefined when that state no longer holds. */
export async function decideForceMajeure(db: Kysely<Database>, id: number, decision: 'approve' | 'withdraw', actor: string, at: Date): Promise<Row | undefined> {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('force_majeure').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (before === undefined || before.withdrawn_at !== null || (decision === 'approve' && before.approved_by !== null)) return undefined;
    const after = await tx
      .updateTable('force_majeure')
      .set(decision === 'approve' ? { approved_by: actor, approved_at: at } : { withdrawn_by: actor, withdrawn_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: `force_majeure.${decision}`, entity: 'force_majeure', entityId: id, before: viewOf(before), after: viewOf(after) });
    return after;
  });
}
