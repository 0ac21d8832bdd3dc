import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { ForceMajeureCategory } from '@sla/shared';
import type { Timestamp } from '../catalog/catalog.table.ts';

export interface ForceMajeureTable {
  id: Generated<number>;
  category: ForceMajeureCategory;
  /** Public description (the status page shows it). */
  description: string;
  evidence: Generated<string>;
  /** Component ids; null = every component. */
  components: JSONColumnType<string[], string | null, string | null> | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  declared_by: string;
  declared_at: ColumnType<Date, Date | string | undefined, never>;
  approved_by: string | null;
  approved_at: Timestamp | null;
  withdrawn_by: string | null;
  withdrawn_at: Timestamp | null;
  /** The case file's id of an imported fact (`sla facts import`, issue #16). */
  external_ref: Generated<string | null>;
}
