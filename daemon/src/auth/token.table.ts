import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../catalog/catalog.table.ts';
import type { Role } from './roles.ts';

/** A person who holds tokens (issue #12): the two-person rules and the audit log name operators, not tokens. */
export interface OperatorTable {
  id: Generated<number>;
  name: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  disabled_at: Timestamp | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  /** The token's own label (a laptop, a CI job); who acts is its operator. */
  name: string;
  operator_id: number;
  role: Role;
  token_hash: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  revoked_at: Timestamp | null;
}
