import type { Kysely } from 'kysely';
import type { ComponentTable, MonitorTable } from '../catalog/catalog.table.ts';
import type { LocationMonitorStateTable, ProbeLocationTable } from '../detection/location-vote.table.ts';
import type { MonitorStateTable } from '../detection/monitor-state.table.ts';
import type { OutageTable } from '../outages/outage.table.ts';
import type { ProbeResultHourTable, ProbeResultTable, ProbeRollupTable, UnknownPeriodTable } from '../results/result.table.ts';

import type { ApologyTable } from '../apologies/apology.table.ts';
import type { ApiTokenTable, OperatorTable } from '../auth/token.table.ts';
import type { AuditLogTable } from '../audit/audit.table.ts';
import type { BreachTable } from '../breaches/breach.table.ts';
import type { BugOccurrenceTable, BugTable } from '../bugs/bug.table.ts';
import type { ContractComponentTable, ContractContactTable, ContractStateTable, ContractTable } from '../contracts/contract.table.ts';
import type { ForceMajeureTable } from '../force-majeure/force-majeure.table.ts';
import type { IncidentComponentTable, IncidentOutageTable, IncidentTable, IncidentUpdateTable } from '../incidents/incident.table.ts';
import type { LedgerEntryTable, RenewalTable } from '../ledger/ledger.table.ts';
import type { MaintenanceComponentTable, MaintenanceNoticeTable, MaintenanceWindowTable } from '../maintenance/maintenance.table.ts';
import type { OutageAnnotationTable } from '../outages/outage.table.ts';
import type { OutboxMessageTable } from '../outbox/outbox.table.ts';
import type { SubscriberTable } from '../subscribers/subscriber.table.ts';
import type { SuspectPeriodTable } from '../suspects/suspect-period.table.ts';
import type { TicketTable } from '../tickets/ticket.table.ts';

/** Joins the tables that live beside their features. */
export interface Database {
  components: ComponentTable;
  monitors: MonitorTable;
  monitor_states: MonitorStateTable;
  location_monitor_states: LocationMonitorStateTable;
  probe_locations: ProbeLocationTable;
  outages: OutageTable;
  probe_results: ProbeResultTable;
  probe_result_hours: ProbeResultHourTable;
  unknown_periods: UnknownPeriodTable;
  probe_rollups: ProbeRollupTable;
  api_tokens: ApiTokenTable;
  operators: OperatorTable;
  audit_log: AuditLogTable;
  contracts: ContractTable;
  contract_components: ContractComponentTable;
  contract_states: ContractStateTable;
  contract_contacts: ContractContactTable;
  maintenance_windows: MaintenanceWindowTable;
  maintenance_components: MaintenanceComponentTable;
  maintenance_notices: MaintenanceNoticeTable;
  force_majeure: ForceMajeureTable;
  bugs: BugTable;
  bug_occurrences: BugOccurrenceTable;
  outage_annotations: OutageAnnotationTable;
  incidents: IncidentTable;
  incident_components: IncidentComponentTable;
  incident_outages: IncidentOutageTable;
  incident_updates: IncidentUpdateTable;
  ledger_entries: LedgerEntryTable;
  renewals: RenewalTable;
  outbox_messages: OutboxMessageTable;
  subscribers: SubscriberTable;
  suspect_periods: SuspectPeriodTable;
  tickets: TicketTable;
  breaches: BreachTable;
  apologies: ApologyTable;
}

export type Db = Kysely<Database>;
