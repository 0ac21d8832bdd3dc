import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../catalog/catalog.table.ts';

/** Terms §4 (docs/contract.md §1.3): a confidentiality breach as declared and approved. Private. */
export interface BreachTable {
  id: Generated<number>;
  contract_id: string;
  occurred_at: Timestamp;
  description: string;
  evidence: string;
  declared_by: string;
  declared_at: ColumnType<Date, Date | string | undefined, never>;
  approved_by: string | null;
  approved_at: Timestamp | null;
  /** The case file's id of an imported fact (`sla facts import`, issue #16). */
  external_ref: Generated<string | null>;
}
