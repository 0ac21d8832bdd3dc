// Status severity, for the status page's overall line and group rows and for
// the Statuspage-compatible JSON (daemon/src/public/statuspage.ts): one
// ranking and one impact mapping, so the two can never disagree (issue #13).
import type { ComponentStatus } from '../domain/sets.ts';
import type { IncidentImpact } from '../public-api/sets.ts';

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

export function impactStatus(impact: IncidentImpact): ComponentStatus {
  return IMPACT_STATUS[impact];
}

/**
 * The worst of the components' statuses and of what unresolved incidents say
 * (an operator may declare an incident the probes cannot see); null when
 * there are no components to report on.
 */
export function overallStatus(statuses: readonly ComponentStatus[], unresolvedImpacts: readonly IncidentImpact[] = []): ComponentStatus | null {
  if (statuses.length === 0) return null;
  const all = [...statuses, ...unresolvedImpacts.map(impactStatus)];
  return SEVERITY_ORDER.find((status) => all.includes(status)) ?? null;
}

/**
 * The components a reader should see named in the banner (issue #19): those
 * not operational, or named by an unresolved incident (ranked by what its
 * impact says, as overallStatus counts it), worst first; ties keep the page's order.
 */
export function affectedComponents<C extends { id: string; status: ComponentStatus }>(
  components: readonly C[],
  unresolved: readonly { impact: IncidentImpact; components: readonly { id: string }[] }[] = [],
): C[] {
  const rank = (status: ComponentStatus) => SEVERITY_ORDER.indexOf(status);
  const worst = new Map(components.map((c) => [c.id, rank(c.status)]));
  for (const incident of unresolved)
    for (const { id } of incident.components) {
      const own = worst.get(id);
      if (own !== undefined) worst.set(id, Math.min(own, rank(impactStatus(incident.impact))));
    }
  const operational = rank('operational');
  return components.filter((c) => worst.get(c.id)! < operational).sort((a, b) => worst.get(a.id)! - worst.get(b.id)!);
}
