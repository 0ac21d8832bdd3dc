import type { ComponentStatus } from '@sla/shared';
import type { MaintenanceRow } from './maintenance.ts';

/**
 * A component's status for the public: the tracker's live status, except that
 * an operational component inside an active, non-cancelled maintenance window
 * shows under_maintenance. A fault during maintenance still shows as the fault.
 */
export function currentStatus(live: ComponentStatus, componentId: string, activeWindows: readonly MaintenanceRow[]): ComponentStatus {
  if (live !== 'operational') return live;
  return activeWindows.some((w) => w.components.some((c) => c.id === componentId)) ? 'under_maintenance' : live;
}
