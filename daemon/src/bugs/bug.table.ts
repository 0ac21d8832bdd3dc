import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../catalog/catalog.table.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface BugTable {
  id: Generated<number>;
  contract_id: string;
  title: string;
  created_by: string;
  created_at: CreatedAt;
  /** The case file's id of an imported fact (`sla facts import`, issue #16). */
  external_ref: Generated<string | null>;
}

export interface BugOccurrenceTable {
  id: Generated<number>;
  bug_id: number;
  reported_at: Timestamp;
  fixed_at: Timestamp | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}
