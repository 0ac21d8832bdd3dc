import type { FailureKind } from '@sla/shared';

/** Failures that say the network between us and the target broke, not that the target answered badly. */
const NETWORK_KINDS: ReadonlySet<FailureKind> = new Set(['timeout', 'refused', 'dns', 'network']);

export interface IsolationGuard {
  /** Records a monitor's latest result. */
  record: (monitorId: string, failureKind: FailureKind | undefined) => void;
  /** True when the prober itself looks cut off, so no result may count against a target. */
  isolated: () => boolean;
  setMonitors: (ids: string[], canary: string | undefined) => void;
}

/**
 * Issue #2: a prober that lost its own network must not invent credits. We
 * are isolated when the canary's latest probe failed, or when every monitor
 * (at least `minMonitors`) has a latest result and all of them are network
 * failures. Checked before an outage opens, so with failuresToOpen ≥ 2 every
 * monitor has reported once before any one of them can open an outage.
 */
export function createIsolationGuard(minMonitors: number): IsolationGuard {
  let ids: string[] = [];
  let canary: string | undefined;
  const latest = new Map<string, FailureKind | undefined>();
  let networkFailures = 0;

  const isNetwork = (kind: FailureKind | undefined) => kind !== undefined && NETWORK_KINDS.has(kind);

  return {
    record(monitorId, kind) {
      if (latest.has(monitorId) && isNetwork(latest.get(monitorId))) networkFailures--;
      latest.set(monitorId, kind);
      if (isNetwork(kind)) networkFailures++;
    },
    isolated() {
      if (canary !== undefined && latest.has(canary) && latest.get(canary) !== undefined) return true;
      return ids.length >= minMonitors && latest.size === ids.length && networkFailures === ids.length;
    },
    setMonitors(next, nextCanary) {
      ids = next;
      canary = nextCanary;
      const keep = new Set(next);
      for (const id of [...latest.keys()]) if (!keep.has(id)) latest.delete(id);
      networkFailures = [...latest.values()].filter(isNetwork).length;
    },
  };
}
