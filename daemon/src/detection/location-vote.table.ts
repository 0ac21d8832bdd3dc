import type { Generated } from 'kysely';
import type { Timestamp } from '../catalog/catalog.table.ts';
import type { MonitorStateTable } from './monitor-state.table.ts';

/** A location's own confirmed state of a monitor: its vote in the quorum (issue #14). */
export interface LocationMonitorStateTable {
  location: string;
  monitor_id: string;
  state: MonitorStateTable['state'];
  since: Timestamp;
  failure_kind: string | null;
  failure_message: string | null;
  /** The id of the transaction that last wrote it (migration 2026-12-07T1820-vote-versions): what a reader has not seen yet. */
  version: Generated<string>;
}

/** Whether a location believes itself cut off (its canaries fail): its votes are not counted then. */
export interface ProbeLocationTable {
  location: string;
  isolated: boolean;
  changed_at: Timestamp;
}
