import type { ComponentStatus, Impact } from '@sla/shared';
import type { Confirmed } from './detector.ts';

/**
 * A component's status from its monitors' confirmed states, with Statuspage's
 * values: all down → major_outage, some down → partial_outage, any degraded →
 * degraded_performance. Maintenance is applied on top by its own issue.
 */
export function componentStatus(monitors: readonly Confirmed[]): ComponentStatus {
  const down = monitors.filter((s) => s === 'down').length;
  if (down > 0 && down === monitors.length) return 'major_outage';
  if (down > 0) return 'partial_outage';
  if (monitors.includes('degraded')) return 'degraded_performance';
  return 'operational';
}

/** The outage impact a status means; operational and maintenance open none. */
export function impactOf(status: ComponentStatus): Impact | undefined {
  switch (status) {
    case 'major_outage':
      return 'major_outage';
    case 'partial_outage':
      return 'partial_outage';
    case 'degraded_performance':
      return 'degraded';
    default:
      return undefined;
  }
}
