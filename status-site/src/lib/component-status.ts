// The overall line derived from component statuses.
import type { ComponentStatus } from '@sla/shared/domain/sets.ts';
import type { IncidentImpact } from '@sla/shared/public-api/sets.ts';

// Worst first: the overall line reports the worst status of any component.
// Maintenance ranks below any fault, so a fault during maintenance still shows.
const SEVERITY_ORDER: readonly ComponentStatus[] = ['major_outage', 'partial_outage', 'degraded_performance', 'under_maintenance', 'operational'];

/** What an unresolved incident's impact says about the whole page, as Statuspage's indicator does. */
const IMPACT_STATUS: Record<IncidentImpact, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

/**
 * The worst of the components' statuses and of what unresolved incidents say
 * (an operator may declare an incident the probes cannot see); null when
 * there are no components to report on.
 */
export function overallStatus(statuses: readonly ComponentStatus[], unresolvedImpacts: readonly IncidentImpact[] = []): ComponentStatus | null {
  if (statuses.length === 0) return null;
  const all = [...statuses, ...unresolvedImpacts.map((impact) => IMPACT_STATUS[impact])];
  return SEVERITY_ORDER.find((status) => all.includes(status)) ?? null;
}
