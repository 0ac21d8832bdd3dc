// How the page words component statuses, and the overall line derived from them.
import type { ComponentStatus } from '@sla/shared/domain/sets.ts';

export const STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

// Worst first: the overall line reports the worst status of any component.
// Maintenance ranks below any fault, so a fault during maintenance still shows.
const SEVERITY_ORDER: readonly ComponentStatus[] = [
  'major_outage',
  'partial_outage',
  'degraded_performance',
  'under_maintenance',
  'operational',
];

const OVERALL_LABELS: Record<ComponentStatus, string> = {
  operational: 'All systems operational',
  degraded_performance: 'Some systems have degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Maintenance in progress',
};

export interface OverallStatus {
  /** null when there are no components to report on. */
  status: ComponentStatus | null;
  label: string;
}

export function overallStatus(statuses: readonly ComponentStatus[]): OverallStatus {
  const worst = SEVERITY_ORDER.find((status) => statuses.includes(status));
  if (worst === undefined) return { status: null, label: 'No components are monitored yet' };
  return { status: worst, label: OVERALL_LABELS[worst] };
}
