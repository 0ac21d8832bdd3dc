import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../catalog/catalog.table.ts';
import type { Role } from './roles.ts';

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  role: Role;
  token_hash: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  revoked_at: Timestamp | null;
}
