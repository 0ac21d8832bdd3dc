import { occurrences as countOccurrences } from '@sla/shared';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';

export async function getBug(db: Kysely<Database>, id: number) {
  const bug = await db.selectFrom('bugs').selectAll().where('id', '=', id).executeTakeFirst();
  if (bug === undefined) return undefined;
  const occurrences = await db.selectFrom('bug_occurrences').selectAll().where('bug_id', '=', id).orderBy('reported_at').orderBy('id').execute();
  const numberOf = occurrenceNumbers(occurrences);
  return {
    id: bug.id,
    contract: bug.contract_id,
    title: bug.title,
    createdBy: bug.created_by,
    occurrences: occurrences.map((o, i) => ({ id: o.id, occurrence: numberOf[i]!, reportedAt: o.reported_at.toISOString(), fixedAt: o.fixed_at?.toISOString() ?? null, recordedBy: o.recorded_by })),
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

/** docs/contract.md §1.2: each report is recorded; whether it is a recurrence is the engine's call (after a recorded fix). */
export async function recordOccurrence(db: Kysely<Database>, bugId: number, reportedAt: Date, actor: string): Promise<BugView | undefined> {
  return db.transaction().execute(async (tx) => {
    const bug = await tx.selectFrom('bugs').select('id').where('id', '=', bugId).forUpdate().executeTakeFirst();
    if (bug === undefined) return undefined;
    const { id } = await tx.insertInto('bug_occurrences').values({ bug_id: bugId, reported_at: reportedAt, recorded_by: actor }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'bug.occurrence', entity: 'bug', entityId: bugId, after: { occurrence: id, reportedAt } });
    return (await getBug(tx, bugId))!;
  });
}

type ReportRow = { reported_at: Date; fixed_at: Date | null };

/** Each report's occurrence number, as the engine counts them (docs/contract.md §1.2). */
function occurrenceNumbers(rows: readonly ReportRow[]): number[] {
  const numbers: number[] = [];
  for (const o of countOccurrences(rows.map((r) => ({ reportedAt: r.reported_at.getTime(), fixedAt: r.fixed_at?.getTime() }))))
    for (const index of o.reports) numbers[index] = o.n;
  return numbers;
}

export type FixOutcome = BugView | 'not_found' | 'already_fixed' | 'before_report';

/**
 * Records the fix of occurrence `n` (1-based, as the engine and the statement
 * number them), not of a report row: a duplicate report folded into an
 * occurrence would shift row ids (issue #12). A fix dated before the
 * occurrence's first report is refused.
 */
export async function recordFix(db: Kysely<Database>, bugId: number, n: number, fixedAt: Date, actor: string): Promise<FixOutcome> {
  return db.transaction().execute(async (tx) => {
    const bug = await tx.selectFrom('bugs').select('id').where('id', '=', bugId).forUpdate().executeTakeFirst();
    if (bug === undefined) return 'not_found';
    const rows = await tx.selectFrom('bug_occurrences').selectAll().where('bug_id', '=', bugId).orderBy('reported_at').orderBy('id').execute();
    const occurrence = countOccurrences(rows.map((r) => ({ reportedAt: r.reported_at.getTime(), fixedAt: r.fixed_at?.getTime() }))).find((o) => o.n === n);
    if (occurrence === undefined) return 'not_found';
    if (occurrence.fixedAt !== undefined) return 'already_fixed';
    // The fix goes on the last report it follows: a report after it is then a recurrence, as the
    // engine reads it (a fix recorded late splits the reports that came in meanwhile).
    const last = occurrence.reports.map((i) => rows[i]!).filter((r) => r.reported_at <= fixedAt).at(-1);
    if (last === undefined) return 'before_report';
    await tx.updateTable('bug_occurrences').set({ fixed_at: fixedAt }).where('id', '=', last.id).execute();
    await recordAudit(tx, { actor, action: 'bug.fix', entity: 'bug', entityId: bugId, before: { occurrence: n, fixedAt: null }, after: { occurrence: n, report: last.id, fixedAt } });
    return (await getBug(tx, bugId))!;
  });
}
