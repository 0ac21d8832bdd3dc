import type { Generated } from 'kysely';
import type { Impact, OutageClass } from '@sla/shared';
import type { Timestamp } from '../catalog/catalog.table.ts';

export interface OutageTable {
  id: Generated<number>;
  component_id: string;
  impact: Impact;
  /** SLA §C.5 / docs/contract.md §1.1: the first failed probe of the streak that confirmed it. */
  started_at: Timestamp;
  /** The first good probe of the streak that confirmed recovery; null while open. */
  ended_at: Timestamp | null;
  /** The monitor whose failure opened it, and that first failure's reason. */
  monitor_id: string | null;
  failure_kind: string | null;
  failure_message: string | null;
  created_at: Generated<Date>;
  /** docs/contract.md §1.1: an operator's raise or lower of the class, with its reason. */
  class_override: Generated<OutageClass | null>;
  class_reason: Generated<string | null>;
  /** When the tracker last turned it worse in place (issue #19); null if it never did. */
  impact_changed_at: Generated<Date | null>;
  /** docs/contract.md §1.5: the operator who recorded an outage seen elsewhere; null = the prober detected it. */
  recorded_by: Generated<string | null>;
  recorded_reason: Generated<string | null>;
  evidence: Generated<string | null>;
  /** A recorded outage's withdrawal: asked by one operator, effective once a second, different one approved it. */
  withdraw_requested_by: Generated<string | null>;
  withdraw_requested_at: Generated<Date | null>;
  withdraw_reason: Generated<string | null>;
  withdrawn_by: Generated<string | null>;
  withdrawn_at: Generated<Date | null>;
  /** The case file's id of an imported outage (`sla facts import`). */
  external_ref: Generated<string | null>;
}

export interface OutageAnnotationTable {
  id: Generated<number>;
  outage_id: number;
  body: string;
  author: string;
  created_at: Generated<Date>;
}
