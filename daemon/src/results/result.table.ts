import type { Generated } from 'kysely';
import type { ProbeState } from '@sla/shared';
import type { Timestamp } from '../catalog/catalog.table.ts';

/** One probe; no id of its own (issue #7: nothing reads one, and it cost ~30 bytes a row). */
export interface ProbeResultTable {
  monitor_id: string;
  /** The probing location (config `location`, issue #14); 'local' by default. */
  location: Generated<string>;
  at: Timestamp;
  state: ProbeState;
  duration_ms: number;
  failure_kind: string | null;
  failure_message: string | null;
  http_status: number | null;
}

/**
 * The results of one monitor in one finished hour, packed (issue #7): element
 * i of every array is one probe. Written by results/compaction.ts, read
 * through results/stored-results.ts.
 */
export interface ProbeResultHourTable {
  monitor_id: string;
  location: Generated<string>;
  hour: Timestamp;
  /** Milliseconds after `hour`. */
  offsets_ms: number[];
  /** Severity codes: STATE_CODES in stored-results.ts. */
  states: number[];
  durations_ms: number[];
  http_statuses: Array<number | null>;
  failure_kinds: Array<string | null>;
  failure_messages: Array<string | null>;
}

export interface UnknownPeriodTable {
  id: Generated<number>;
  monitor_id: string;
  started_at: Timestamp;
  ended_at: Timestamp;
  reason: 'daemon_down' | 'isolated';
}

export const RESOLUTIONS = ['hour', 'day'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface ProbeRollupTable {
  monitor_id: string;
  resolution: Resolution;
  bucket: Timestamp;
  up: number;
  degraded: number;
  down: number;
  unknown: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  latency_p99_ms: number | null;
}
