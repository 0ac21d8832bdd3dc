import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: JSONColumnType<object, string | null, never> | null;
  after: JSONColumnType<object, string | null, never> | null;
}
