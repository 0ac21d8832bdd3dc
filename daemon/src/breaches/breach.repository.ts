import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { BreachTable } from './breach.table.ts';

// Terms §4 (docs/contract.md §1.3): a confidentiality breach is a fact an operator
// declares and a second, different one approves; the ledger's recompute turns an
// approved one into an entry of its own (source `breach`). Every step is audited.

type Row = Selectable<BreachTable>;

export interface DeclareBreach {
  contract: string;
  at: Date;
  description: string;
  evidence: string;
}

export function breachView(b: Row) {
  return {
    id: b.id,
    contract: b.contract_id,
    at: b.occurred_at.toISOString(),
    description: b.description,
    evidence: b.evidence,
    declaredBy: b.declared_by,
    declaredAt: b.declared_at.toISOString(),
    approvedBy: b.approved_by,
    approvedAt: b.approved_at?.toISOString() ?? null,
  };
}

export async function getBreach(db: Kysely<Database>, id: number): Promise<Row | undefined> {
  return db.selectFrom('breaches').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listBreaches(db: Kysely<Database>, filter: { contract?: string | undefined } = {}): Promise<Row[]> {
  let query = db.selectFrom('breaches').selectAll();
  if (filter.contract !== undefined) query = query.where('contract_id', '=', filter.contract);
  return query.orderBy('occurred_at').orderBy('id').execute();
}

export async function declareBreach(db: Kysely<Database>, input: DeclareBreach, actor: string): Promise<Row> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('breaches')
      .values({ contract_id: input.contract, occurred_at: input.at, description: input.description, evidence: input.evidence, declared_by: actor })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'breach.declare', entity: 'breach', entityId: row.id, after: breachView(row) });
    return row;
  });
}

/** Approves once, under the row's lock; undefined when it is already approved (the route refuses the declarer before). */
export async function approveBreach(db: Kysely<Database>, id: number, actor: string, at: Date): Promise<Row | undefined> {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('breaches').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (before === undefined || before.approved_by !== null || before.declared_by === actor) return undefined;
    const after = await tx.updateTable('breaches').set({ approved_by: actor, approved_at: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'breach.approve', entity: 'breach', entityId: id, before: breachView(before), after: breachView(after) });
    return after;
  });
}

/** Breaches by state, for /metrics (metrics/breach-families.ts): counts only. */
export async function countBreaches(db: Kysely<Database>): Promise<{ declared: number; approved: number }> {
  const row = await db
    .selectFrom('breaches')
    .select((eb) => [eb.fn.countAll<string>().as('all'), eb.fn.count<string>('approved_by').as('approved')])
    .executeTakeFirstOrThrow();
  return { declared: Number(row.all) - Number(row.approved), approved: Number(row.approved) };
}

/** Breaches of these contracts as a case file lists them (docs/case-file.md `breaches`). */
export async function breachesOfContracts(db: Kysely<Database>, contractIds: readonly string[], refOf: (id: number) => string) {
  if (contractIds.length === 0) return [];
  const rows = await db.selectFrom('breaches').selectAll().where('contract_id', 'in', contractIds).orderBy('occurred_at').orderBy('id').execute();
  return rows.map((b) => ({
    id: refOf(b.id),
    contract: b.contract_id,
    at: b.occurred_at.toISOString(),
    declaredBy: b.declared_by,
    ...(b.approved_by === null ? {} : { approvedBy: b.approved_by }),
    evidence: b.evidence,
  }));
}
