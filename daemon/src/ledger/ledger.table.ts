import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CreditAs } from '@sla/shared';
import type { Timestamp } from '../catalog/catalog.table.ts';
import type { Numeric } from '../contracts/contract.table.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export const ENTRY_STATES = ['proposed', 'approved', 'rejected', 'applied', 'superseded'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];

/**
 * Where an entry comes from: an engine line (outage, repeat bug, confidentiality breach), or the part
 * of a renewal's deductions that its fee could not absorb, carried to the
 * next renewal (issue #12: never dropped). Reconciliation only ever touches
 * engine lines.
 */
export const LEDGER_SOURCES = ['outage', 'repeat_bug', 'breach', 'carried_forward'] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];

export interface LedgerEntryTable {
  id: Generated<number>;
  contract_id: string;
  kind: 'credit' | 'reversal';
  source: LedgerSource;
  ref: string;
  occurrence: number | null;
  credit_as: CreditAs;
  license_seconds: Numeric;
  amount_vnd: Numeric;
  policy_version: string;
  line: JSONColumnType<Record<string, unknown>, string, never>;
  reverses_id: number | null;
  /** The rejected entry this proposal reconsiders (issue #12); null otherwise. */
  replaces_id: ColumnType<number | null, number | null | undefined, never>;
  state: EntryState;
  created_by: string;
  created_at: CreatedAt;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  renewal_id: number | null;
  applied_by: string | null;
  applied_at: Timestamp | null;
}

export interface RenewalTable {
  id: Generated<number>;
  contract_id: string;
  idempotency_key: string;
  period_start: Timestamp;
  period_end: Timestamp;
  fee_vnd: Numeric;
  deduction_vnd: Numeric;
  amount_vnd: Numeric;
  license_extension_seconds: Numeric;
  previous_expiry: Timestamp | null;
  new_expiry: Timestamp;
  created_by: string;
  created_at: CreatedAt;
}
