import type { ColumnType, Generated } from 'kysely';
import type { MonitorKind, Tier } from '@sla/shared';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** Components and monitors mirror the config; rows are kept (active=false) when removed so history still joins. */
export interface ComponentTable {
  id: string;
  name: string;
  group_name: string | null;
  tier: Tier;
  description: string | null;
  position: number;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MonitorTable {
  id: string;
  component_id: string;
  kind: MonitorKind;
  target: string;
  interval_ms: number;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}
