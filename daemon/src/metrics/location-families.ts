import type { QuorumView } from '../leadership/quorum-read.ts';
import type { CollectedFamilies, Sample } from './collected.ts';

const STATES = ['up', 'degraded', 'down'] as const;

/**
 * Issue #14: what each probing location sees. Labels are bounded: locations
 * are the daemons an operator runs, monitors come from the config.
 */
export function registerLocationFamilies(families: CollectedFamilies, o: { quorum: () => Promise<QuorumView | undefined>; monitors: () => string[] }): void {
  families.gauge({
    name: 'sla_location_up',
    help: 'Whether the probing location’s daemon is alive on the database (holds its lock).',
    labelNames: ['location'],
    samples: async () => (await o.quorum())?.locations.map((l): Sample<'location'> => [{ location: l.location }, l.alive ? 1 : 0]),
  });
  families.gauge({
    name: 'sla_location_isolated',
    help: 'Whether the probing location believes itself cut off (its canaries fail); its votes do not count then.',
    labelNames: ['location'],
    samples: async () => (await o.quorum())?.locations.map((l): Sample<'location'> => [{ location: l.location }, l.isolated ? 1 : 0]),
  });
  families.gauge({
    name: 'sla_location_monitor_state',
    help: 'Each location’s own confirmed state of a monitor, as a one-hot state set; outages follow what a quorum of counted locations agree on.',
    labelNames: ['location', 'monitor', 'state'],
    samples: async () => {
      const view = await o.quorum();
      if (view === undefined) return undefined;
      const known = new Set(o.monitors());
      return view.votes
        .filter((v) => known.has(v.monitorId))
        .flatMap((v) => STATES.map((state): Sample<'location' | 'monitor' | 'state'> => [{ location: v.location, monitor: v.monitorId, state }, v.confirmed === state ? 1 : 0]));
    },
  });
}
