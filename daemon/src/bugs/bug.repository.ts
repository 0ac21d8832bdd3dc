import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';

export async function getBug(db: Kysely<Database>, id: number) {
  const bug = await db.selectFrom('bugs').selectAll().where('id', '=', id).executeTakeFirst();
  if (bug === undefined) return undefined;
  const occurrences = await db.selectFrom('bug_occurrences').selectAll().where('bug_id', '=', id).orderBy('reported_at').orderBy('id').execute();
  return {
    id: bug.id,
    contract: bug.contract_id,
    title: bug.title,
    createdBy: bug.created_by,
    occurrences: occurrences.map((o) => ({ id: o.id, reportedAt: o.reported_at.toISOString(), fixedAt: o.fixed_at?.toISOString() ?? null, recordedBy: o.recorded_by })),
  };
}

export type BugView = NonNullable<Awaited<ReturnType<typeof getBug>>>;

export async function createBug(db: Kysely<Database>, contractId: string, title: string, actor: string): Promise<BugView> {
  return db.transaction().execute(async (tx) => {
    const { id } = await tx.insertInto('bugs').values({ contract_id: contractId, title, created_by: actor }).returning('id').executeTakeFirstOrThrow();
    const after = (await getBug(tx, id))!;
    await recordAudit(tx, { actor, action: 'bug.create', entity: 'bug', entityId: id, after });
    return after;
  });
}

/** sla-policy.md §1.2: each report is recorded; whether it is a recurrence is the engine's call (after a recorded fix). */
export async function recordOccurrence(db: Kysely<Database>, bugId: number, reportedAt: Date, actor: string): Promise<BugView | undefined> {
  return db.transaction().execute(async (tx) => {
    const bug = await tx.selectFrom('bugs').select('id').where('id', '=', bugId).forUpdate().executeTakeFirst();
    if (bug === undefined) return undefined;
    const { id } = await tx.insertInto('bug_occurrences').values({ bug_id: bugId, reported_at: reportedAt, recorded_by: actor }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'bug.occurrence', entity: 'bug', entityId: bugId, after: { occurrence: id, reportedAt } });
    return (await getBug(tx, bugId))!;
  });
}

export type FixOutcome = BugView | 'not_found' | 'already_fixed' | 'before_report';

export async function recordFix(db: Kysely<Database>, bugId: number, occurrenceId: number, fixedAt: Date, actor: string): Promise<FixOutcome> {
  return db.transaction().execute(async (tx) => {
    const o = await tx.selectFrom('bug_occurrences').selectAll().where('id', '=', occurrenceId).where('bug_id', '=', bugId).forUpdate().executeTakeFirst();
    if (o === undefined) return 'not_found';
    if (o.fixed_at !== null) return 'already_fixed';
    if (fixedAt < o.reported_at) return 'before_report';
    await tx.updateTable('bug_occurrences').set({ fixed_at: fixedAt }).where('id', '=', occurrenceId).execute();
    await recordAudit(tx, { actor, action: 'bug.fix', entity: 'bug', entityId: bugId, before: { occurrence: occurrenceId, fixedAt: null }, after: { occurrence: occurrenceId, fixedAt } });
    return (await getBug(tx, bugId))!;
  });
}
