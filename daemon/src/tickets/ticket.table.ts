import type { TicketChannel, TicketClass } from '@sla/shared';
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../catalog/catalog.table.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** Issue #16: a support ticket and the instants its clocks read (docs/contract.md §2). */
export interface TicketTable {
  id: Generated<number>;
  contract_id: string;
  title: string;
  class: TicketClass;
  channel: TicketChannel;
  received_at: Timestamp;
  confirmed_at: Timestamp | null;
  first_response_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  resolved_at: Timestamp | null;
  created_by: string;
  created_at: CreatedAt;
  /** The case file's id of an imported fact (`sla facts import`, issue #16). */
  external_ref: Generated<string | null>;
}
