import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../catalog/catalog.table.ts';
import type { Numeric } from '../contracts/contract.table.ts';

/** draft: prepared with the ledger line, editable; approved: queued to the contract's contacts (sent once the outbox delivered it). */
export const APOLOGY_STATES = ['draft', 'approved'] as const;
export type ApologyState = (typeof APOLOGY_STATES)[number];

/** Issue #15, SLA §C.5: the apology a very critical outage owes one contract. Private (a customer's). */
export interface ApologyTable {
  id: Generated<number>;
  contract_id: string;
  outage_id: number;
  /** The ledger line's license time, as the engine figured it (never recomputed here). */
  license_seconds: Numeric;
  subject_vi: string;
  body_vi: string;
  subject_en: string;
  body_en: string;
  state: Generated<ApologyState>;
  created_at: ColumnType<Date, Date, never>;
  edited_by: string | null;
  edited_at: Timestamp | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
}
