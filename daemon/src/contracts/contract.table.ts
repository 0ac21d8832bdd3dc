import type { ColumnType } from 'kysely';
import type { ContractState, CreditAs } from '@sla/shared';
import type { Timestamp } from '../catalog/catalog.table.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** numeric(40,0) arrives as a string of digits on both engines; written from bigint as a string. */
export type Numeric = ColumnType<string, string, string>;

export interface ContractTable {
  id: string;
  /** Confidential (docs/contract.md §5). */
  customer: string;
  time_zone: string;
  annual_fee_vnd: Numeric;
  credit_as: CreditAs;
  license_expires_at: Timestamp | null;
  renewal_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ContractComponentTable {
  contract_id: string;
  component_id: string;
}

export interface ContractStateTable {
  contract_id: string;
  state: ContractState;
  effective_at: Timestamp;
  recorded_by: string;
  recorded_at: CreatedAt;
}

/** Issue #15: a person told about the contract's maintenance, in their language. Private. */
export interface ContractContactTable {
  contract_id: string;
  email: string;
  lang: 'vi' | 'en';
  added_by: string;
  added_at: CreatedAt;
}
