import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Timestamp } from '../catalog/catalog.table.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** Statuspage's incident statuses and impacts. */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

export interface IncidentTable {
  id: Generated<number>;
  /** Public. */
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  /** SLA §C.5: the public apology a very critical outage requires. */
  apology: Generated<boolean>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  monitoring_at: Timestamp | null;
  resolved_at: Timestamp | null;
}

export interface IncidentComponentTable {
  incident_id: number;
  component_id: string;
}

export interface IncidentOutageTable {
  incident_id: number;
  outage_id: number;
}

export interface AffectedComponent {
  code: string;
  name: string;
  old_status: string;
  new_status: string;
}

export interface IncidentUpdateTable {
  id: Generated<number>;
  incident_id: number;
  status: IncidentStatus;
  /** Public. */
  body: string;
  affected_components: JSONColumnType<AffectedComponent[], string, string>;
  author: string;
  created_at: CreatedAt;
}
