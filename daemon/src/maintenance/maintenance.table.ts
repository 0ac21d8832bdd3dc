import type { ColumnType, Generated } from 'kysely';
import type { MaintenanceKind, NoticeProvenance } from '@sla/shared';
import type { Timestamp } from '../catalog/catalog.table.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export const NOTICE_CHANNELS = ['status_page', 'email', 'in_app'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export interface MaintenanceWindowTable {
  id: Generated<number>;
  kind: MaintenanceKind;
  /** Public: shown on the status page. */
  title: string;
  description: Generated<string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  /** Changes of the event as a calendar shows it; raised by the database (migration 2026-12-07T1500, issue #19). */
  revision: Generated<number>;
  /**
   * Issue #16 (docs/contract.md §3.1): an RFC 5545 RRULE value on the local
   * start in `time_zone`, each occurrence `duration` (ISO 8601) long, the
   * local dates in `exdates` skipped; all null for a one-off window. The
   * starts_at/ends_at of a recurring window are its first occurrence's.
   */
  rrule: string | null;
  time_zone: string | null;
  duration: string | null;
  exdates: Generated<string[]>;
  /** The config's id of a window it seeded (config/maintenance.ts), null for the operators' own. */
  seed_id: string | null;
  /** The case file's id of an imported fact (`sla facts import`, issue #16). */
  external_ref: Generated<string | null>;
}

export interface MaintenanceComponentTable {
  window_id: number;
  component_id: string;
}

export interface MaintenanceNoticeTable {
  id: Generated<number>;
  window_id: number;
  sent_at: Timestamp;
  channel: NoticeChannel;
  /** Issue #15: `delivered` from the outbox's delivery record, `declared` on an operator's word (migration 2026-12-07T1850). */
  provenance: NoticeProvenance;
  recorded_by: string;
  recorded_at: CreatedAt;
}
