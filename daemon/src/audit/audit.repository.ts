import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { AuditLogTable } from './audit.table.ts';

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditRecord {
  actor: string;
  /** `entity.verb`, e.g. `force_majeure.approve`. */
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** docs/contract.md §4–5: every change that touches money is attributed and logged; call inside the change's transaction. */
export async function recordAudit(db: Kysely<Database>, r: AuditRecord): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(r)).execute();
}

/** recordAudit for many records, in their order, in few round trips (issue #13: a recomputation of every contract). */
export async function recordAudits(db: Kysely<Database>, records: readonly AuditRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 1000) await db.insertInto('audit_log').values(records.slice(i, i + 1000).map(auditRow)).execute();
}

function auditRow(r: AuditRecord) {
  return {
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entity_id: String(r.entityId),
    before: r.before === undefined ? null : JSON.stringify(r.before, bigintAsString),
    after: r.after === undefined ? null : JSON.stringify(r.after, bigintAsString),
  };
}

export async function listAudit(db: Kysely<Database>, q: { entity?: string; entityId?: string; limit?: number; beforeId?: string }): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.entity !== undefined) query = query.where('entity', '=', q.entity);
  if (q.entityId !== undefined) query = query.where('entity_id', '=', q.entityId);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit ?? 100).execute();
}

const bigintAsString = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
