import type { Generated } from 'kysely';
import type { Timestamp } from '../catalog/catalog.table.ts';

export const SUSPECT_DECISIONS = ['confirmed', 'dismissed'] as const;
export type SuspectDecision = (typeof SUSPECT_DECISIONS)[number];

/** A run of one monitor's results stored as unknown while the prober believed itself cut off (issue #14). */
export interface SuspectPeriodTable {
  id: Generated<number>;
  monitor_id: string;
  component_id: string;
  /** The first result stored as unknown. */
  started_at: Timestamp;
  /** The first result of the monitor that counted again; null while it goes on. */
  ended_at: Timestamp | null;
  /** The first failure's reason, as the probe gave it. */
  failure_kind: string | null;
  failure_message: string | null;
  /** null: waiting for an operator. */
  decision: SuspectDecision | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
  /** The outage a confirmation recorded. */
  outage_id: number | null;
}
