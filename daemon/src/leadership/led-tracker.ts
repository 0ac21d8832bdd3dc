import type { Tracker, TrackedMonitor } from '../detection/tracker.ts';

/** The tracker the probe pipelines, metrics and pages hold, whichever tracker is behind it now. */
export interface LedTracker extends Tracker {
  /** Puts `next` behind it, given the current monitor set first; `now` as setMonitors takes it. */
  swap: (next: Tracker, now: number) => Promise<void>;
}

/**
 * Issue #14: a daemon's tracker changes with its role. A leader's writes the
 * outages; a follower's only reads (TrackerOptions.readOnly). Each is created
 * from the stored monitor states, so a new leader resumes where the last one
 * committed. A result observed by the old tracker while the swap runs is its
 * last: the new one continues from the stored states.
 */
export function ledTracker(initial: Tracker): LedTracker {
  let current = initial;
  let monitors: TrackedMonitor[] = [];
  let counted: Parameters<Tracker['refresh']> | undefined;
  return {
    observe: (id, obs) => current.observe(id, obs),
    flush: () => current.flush(),
    refresh: async (...args) => {
      counted = args;
      await current.refresh(...args);
    },
    status: (componentId) => current.status(componentId),
    setMonitors: async (list, now) => {
      monitors = list;
      await current.setMonitors(list, now);
    },
    swap: async (next, now) => {
      // The other locations' votes as last read, first: a new leader agrees
      // from them at setMonitors, not from its own vote alone.
      if (counted !== undefined) await next.refresh(...counted);
      await next.setMonitors(monitors, now);
      current = next;
    },
  };
}
