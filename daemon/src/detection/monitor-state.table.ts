import type { Timestamp } from '../catalog/catalog.table.ts';

export interface MonitorStateTable {
  monitor_id: string;
  state: 'up' | 'degraded' | 'down';
  since: Timestamp;
  failure_kind: string | null;
  failure_message: string | null;
}
