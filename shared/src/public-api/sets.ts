// Statuspage's closed sets, which the public API and its schemas speak.
// INCIDENT_STATUSES and INCIDENT_IMPACTS are also the columns of the incidents
// table (daemon/src/incidents/incident.table.ts); test/status-statuspage.test.ts
// checks the two lists stay equal.

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Not yet resolved, as Statuspage's incidents/unresolved.json means it. */
export const UNRESOLVED_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring'] as const satisfies readonly IncidentStatus[];

export const INCIDENT_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export const STATUS_INDICATORS = ['none', 'minor', 'major', 'critical'] as const;
export type StatusIndicator = (typeof STATUS_INDICATORS)[number];

/** Where a maintenance window stands for the status page; `cancelled` ones are kept so calendars can drop them. */
export const MAINTENANCE_PHASES = ['upcoming', 'active', 'completed', 'cancelled'] as const;
export type MaintenancePhase = (typeof MAINTENANCE_PHASES)[number];
