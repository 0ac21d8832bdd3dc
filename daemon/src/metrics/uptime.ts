import { prepareFacts, UPTIME_WINDOW_MS, UPTIME_WINDOWS, uptimeWindows, type UptimeWindow } from '@sla/shared/uptime/index.ts';
import type { PublicReadModel } from '../public/read-model.ts';
import { maintenanceJudge } from '../public/maintenance.ts';
import { createSnapshotSource } from '../public/snapshot.ts';
import { factsFrom } from '../public/uptime-facts.ts';

export interface ComponentUptime {
  component: string;
  window: UptimeWindow;
  /** 1 − downtime ÷ observed time; never 0 or 1 for lack of data (a window with nothing observed has no entry). */
  ratio: number;
}

/**
 * Uptime of each component over each window by the status page's own rule
 * (shared/src/uptime, issue #5): time-based, downtime = partial or major
 * outage, valid maintenance (SLA §C.1), approved force majeure (terms §11)
 * and unwatched time left out of both sides. Grafana and the public page
 * therefore show the same figure, and it is the one the SLA counts
 * (docs/contract.md §1.1), not a share of probes, which would weigh a
 * component by how often it is probed and count a 1-minute blip between
 * two probes as nothing.
 */
export function createUptimeReader(d: PublicReadModel): () => Promise<ComponentUptime[]> {
  // The front page's snapshot of 90 days of facts, read again only when its
  // fingerprint changes: a refresh where nothing happened is one query.
  const snapshot = createSnapshotSource(d);
  return async () => {
    const now = d.now();
    const { components, rows } = await snapshot();
    const facts = factsFrom(rows, components, { from: now - UPTIME_WINDOW_MS['90d'], to: now }, maintenanceJudge(d));
    const out: ComponentUptime[] = [];
    for (const c of components) {
      const ratios = uptimeWindows(prepareFacts(facts.get(c.id)!), now);
      for (const window of UPTIME_WINDOWS) {
        const ratio = ratios[window];
        if (ratio !== null) out.push({ component: c.id, window, ratio });
      }
    }
    return out;
  };
}
