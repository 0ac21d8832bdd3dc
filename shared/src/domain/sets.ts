// Closed sets of the domain, as `as const` tuples: the database columns, the
// config and case-file schemas and the UI all derive from these (docs/conventions.md §1).

/** SLA §C.5 / docs/contract.md §1.1: only `core` components earn outage credits automatically. */
export const TIERS = ['core', 'feature'] as const;
export type Tier = (typeof TIERS)[number];

/** Statuspage's component impact values, as the case file uses them. */
export const IMPACTS = ['major_outage', 'partial_outage', 'degraded'] as const;
export type Impact = (typeof IMPACTS)[number];

/** Statuspage's component status values. */
export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** SLA §A ticket classes; an operator may override an outage's class (docs/contract.md §1.1). */
export const OUTAGE_CLASSES = ['very_critical', 'critical', 'normal'] as const;
export type OutageClass = (typeof OUTAGE_CLASSES)[number];

/** SLA §C.1 kinds of scheduled work. */
export const MAINTENANCE_KINDS = ['minor_update', 'infrastructure', 'backup', 'version_upgrade'] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

/** Issue #15: a notice is `delivered` (a delivery record: the mail server accepted it) or `declared` (an operator's word). */
export const NOTICE_PROVENANCES = ['delivered', 'declared'] as const;
export type NoticeProvenance = (typeof NOTICE_PROVENANCES)[number];

/** Terms §11 categories of force majeure. */
export const FORCE_MAJEURE_CATEGORIES = [
  'natural_disaster',
  'epidemic',
  'power_failure',
  'telecom_cable',
  'legal',
] as const;
export type ForceMajeureCategory = (typeof FORCE_MAJEURE_CATEGORIES)[number];

/** Terms §2 account states. */
export const CONTRACT_STATES = ['deployment', 'active', 'paused'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

/** Terms §8: a credit extends the license or reduces the renewal. */
export const CREDIT_AS = ['license', 'renewal'] as const;
export type CreditAs = (typeof CREDIT_AS)[number];

/** What a monitor's single probe concluded. `unknown`: we could not tell (daemon down, prober isolated). */
export const PROBE_STATES = ['up', 'degraded', 'down', 'unknown'] as const;
export type ProbeState = (typeof PROBE_STATES)[number];

/** Why a probe failed: a typed reason, never an exception (docs/conventions.md §3). */
// `protocol`: the target answered, but not in its protocol (a malformed HTTP
// response, issue #12); unlike `network` it is not a sign that we are cut off.
export const FAILURE_KINDS = ['timeout', 'refused', 'dns', 'tls', 'status', 'body', 'latency', 'network', 'protocol'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export const MONITOR_KINDS = ['http', 'tcp', 'tls', 'dns'] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];

/** SLA §A ticket classes (docs/contract.md §2): the three fault classes, then the three kinds of request. */
export const TICKET_CLASSES = ['very_critical', 'critical', 'normal', 'attribute_addition', 'experience_improvement', 'upgrade'] as const;
export type TicketClass = (typeof TICKET_CLASSES)[number];

/** SLA §C.2 support channels; each has its first-response clock (docs/contract.md §2). */
export const TICKET_CHANNELS = ['hotline', 'live_chat', 'ticket', 'email', 'community'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** The clocks a ticket runs (docs/contract.md §2), in the order a ticket meets them. */
export const TICKET_DEADLINES = ['first_response', 'acknowledge', 'resolve'] as const;
export type TicketDeadlineKind = (typeof TICKET_DEADLINES)[number];

/** A deadline at the statement's `asOf`: kept, missed, or still running. */
export const TICKET_OUTCOMES = ['met', 'breached', 'pending'] as const;
export type TicketOutcome = (typeof TICKET_OUTCOMES)[number];
