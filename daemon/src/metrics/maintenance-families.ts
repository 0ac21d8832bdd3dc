import { VIOLATIONS, type Violation } from '@sla/shared';
import type { CollectedFamilies, Sample } from './collected.ts';
import type { OpenOutage } from './outage-seconds.ts';

// The maintenance families (issue #6), fed by the maintenance windows of
// issue #4. Until a source is wired in, these families do not exist.

export interface MaintenanceWindowFact {
  components: string[];
  /** Epoch ms, as announced. */
  startsAt: number;
  endsAt: number;
  /** The rules of SLA §C.1 it breaks for at least one contract covering its components (engine's judgeWindow). */
  violations: Violation[];
}

export interface MaintenanceMetricSource {
  /**
   * Windows not cancelled that have not ended, or ended in the last 24 h
   * (an overrun is measured against the end); read at most every second (registry.ts).
   */
  windows: () => Promise<MaintenanceWindowFact[]>;
}

export function registerMaintenanceFamilies(
  families: CollectedFamilies,
  o: {
    windows: () => Promise<MaintenanceWindowFact[] | undefined>;
    openOutages: () => Promise<OpenOutage[]>;
    components: () => string[];
    now: () => number;
  },
): void {
  families.gauge({
    name: 'sla_maintenance_window_active',
    help: 'Whether an announced maintenance window covering the component is in progress (1) or not (0).',
    labelNames: ['component'],
    samples: async () => {
      const windows = await o.windows();
      if (windows === undefined) return undefined;
      const now = o.now();
      const active = new Set(windows.filter((w) => w.startsAt <= now && now < w.endsAt).flatMap((w) => w.components));
      return o.components().map((component): Sample<'component'> => [{ component }, active.has(component) ? 1 : 0]);
    },
  });
  families.gauge({
    name: 'sla_maintenance_overrun_seconds',
    help: 'Seconds past the announced end of a maintenance window that an outage which began inside it is still open (SLA §C.1: ordinary downtime from then on); 0 when none.',
    labelNames: ['component'],
    samples: async () => {
      const windows = await o.windows();
      if (windows === undefined) return undefined;
      const now = o.now();
      const open = new Map((await o.openOutages()).map((x) => [x.component, x.startedAt]));
      return o.components().map((component): Sample<'component'> => {
        const since = open.get(component);
        const overrun = windows
          .filter((w) => since !== undefined && w.components.includes(component) && w.startsAt <= since && since < w.endsAt && w.endsAt <= now)
          .reduce((worst, w) => Math.max(worst, (now - w.endsAt) / 1000), 0);
        return [{ component }, overrun];
      });
    },
  });
  families.gauge({
    name: 'sla_maintenance_window_violations',
    help: 'Maintenance windows not yet ended that break a rule of SLA §C.1 (notice, hours, day of month), by rule; such a window excludes nothing.',
    labelNames: ['rule'],
    samples: async () => {
      const windows = await o.windows();
      if (windows === undefined) return undefined;
      const now = o.now();
      const current = windows.filter((w) => now < w.endsAt);
      return VIOLATIONS.map((rule): Sample<'rule'> => [{ rule }, current.filter((w) => w.violations.includes(rule)).length]);
    },
  });
}
