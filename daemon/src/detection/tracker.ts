import type { ComponentStatus, Impact } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { changeOutageImpact, closeOutage, findOpenOutage, openOutage } from '../outages/outage.repository.ts';
import { componentStatus, impactOf } from './component-status.ts';
import { initialState, observe, type DetectorState, type Failure, type Observation, type Thresholds, type Transition } from './detector.ts';
import { loadMonitorStates, saveMonitorState } from './monitor-state.repository.ts';

export interface TrackedMonitor {
  id: string;
  componentId: string;
  thresholds: Thresholds;
}

export interface Tracker {
  /**
   * Feeds one probe result; resolves once the component's outage changes, any
   * this one caused included, are committed. Rejects while they cannot be:
   * they stay queued and are written, in order, by a later call.
   */
  observe: (monitorId: string, obs: Observation) => Promise<Transition | undefined>;
  /** Replaces the monitor set (start, reload) and settles components whose status changed at `now`. */
  setMonitors: (monitors: TrackedMonitor[], now: number) => Promise<void>;
  status: (componentId: string) => ComponentStatus;
}

/**
 * Runs each monitor's detector and turns component status changes into outage
 * rows. A transition is committed (monitor state + outage, one transaction)
 * before observe() resolves, so nothing downstream sees an uncommitted outage,
 * and a restart resumes from the stored states (issue #2: kill -9 loses nothing).
 * One that cannot be committed is kept in memory and retried (issue #12).
 */
export interface TrackerOptions {
  /** After an outage of this component was closed or narrowed (committed): its credits may have changed. */
  onOutageEnded?: (componentId: string) => void;
  /**
   * A follower's tracker (issue #14): its detectors run on this location's
   * results, so its status is this location's view, but it writes nothing:
   * the outages and monitor states are the leader's.
   */
  readOnly?: boolean;
}

/**
 * A change to write for one component, with the status it had then: written
 * later (the database was down) it still records the original instants.
 */
interface PendingChange {
  at: number;
  impact: Impact | undefined;
  /** The monitor whose transition caused it, and its state to store; none for a reload's settling. */
  monitor?: { id: string; state: DetectorState; failure?: Failure };
}

export async function createTracker(db: Kysely<Database>, options: TrackerOptions = {}): Promise<Tracker> {
  const stored = new Map((await loadMonitorStates(db)).map((r) => [r.monitor_id, r]));
  let monitors = new Map<string, TrackedMonitor>();
  const detectors = new Map<string, DetectorState>();
  // Issue #12: one queue per component, so a slow or blocked transaction of
  // one component holds only its own probe pipelines; and the changes of a
  // component are kept until written, in order, so an outage that opened and
  // closed while the database was down is recorded with its own start and end
  // (docs/contract.md §1.1). There are few of them: one per status change.
  const pending = new Map<string, PendingChange[]>();
  const chains = new Map<string, Promise<void>>();

  // Grouped once per setMonitors: status() is read per component at every
  // scrape and page render, and scanning all monitors each time was quadratic
  // (issue #6: 331 ms of a 10,000-monitor scrape).
  let byComponent = new Map<string, TrackedMonitor[]>();
  const status = (componentId: string): ComponentStatus =>
    componentStatus((byComponent.get(componentId) ?? []).map((m) => detectors.get(m.id)!.confirmed));

  const enqueue = (componentId: string, change: PendingChange) => {
    if (options.readOnly === true) return;
    const list = pending.get(componentId) ?? [];
    list.push(change);
    pending.set(componentId, list);
  };

  /** Writes the component's pending changes in order, each in one transaction; resolves when all are committed. */
  const drain = (componentId: string): Promise<void> => {
    const previous = chains.get(componentId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const list = pending.get(componentId) ?? [];
        while (list.length > 0) {
          const ended = await db.transaction().execute((tx) => write(tx, componentId, list[0]!));
          list.shift(); // committed: only now is it off the list
          if (ended) options.onOutageEnded?.(componentId);
        }
        pending.delete(componentId);
      });
    chains.set(componentId, next);
    void next.finally(() => chains.get(componentId) === next && chains.delete(componentId)).catch(() => undefined);
    return next;
  };

  return {
    status,
    setMonitors: async (list, now) => {
      monitors = new Map(list.map((m) => [m.id, m]));
      byComponent = Map.groupBy(list, (m) => m.componentId);
      for (const m of list) {
        if (detectors.has(m.id)) continue;
        const row = stored.get(m.id);
        // Read once: from here on the detector holds the state (issue #7: 20,000 rows kept for nothing).
        stored.delete(m.id);
        detectors.set(
          m.id,
          row === undefined
            ? initialState(now)
            : { confirmed: row.state, since: row.since.getTime(), failure: row.failure_kind ? { kind: row.failure_kind, message: row.failure_message ?? '' } : undefined },
        );
      }
      const components = new Set([...list.map((m) => m.componentId), ...(await openComponentIds(db))]);
      for (const componentId of components) enqueue(componentId, { at: now, impact: impactOf(status(componentId)) });
      await Promise.all([...components].map(drain));
    },
    observe: async (monitorId, obs) => {
      const monitor = monitors.get(monitorId);
      const current = detectors.get(monitorId);
      if (monitor === undefined || current === undefined) return undefined; // removed by a reload mid-probe
      const step = observe(current, obs, monitor.thresholds);
      detectors.set(monitorId, step.state);
      const componentId = monitor.componentId;
      if (step.transition !== undefined)
        enqueue(componentId, {
          at: step.transition.at,
          impact: impactOf(status(componentId)),
          monitor: { id: monitorId, state: step.state, failure: step.transition.failure },
        });
      // Resolves once this component's changes, this one included, are
      // committed; while the database is down it rejects and they stay
      // queued, and the next result of the component retries them.
      if (pending.has(componentId)) await drain(componentId);
      return step.transition;
    },
  };

  /** One pending change: the monitor's state and the component's outage rows; true when an outage was closed. */
  async function write(tx: Kysely<Database>, componentId: string, change: PendingChange): Promise<boolean> {
    const m = change.monitor;
    if (m !== undefined)
      await saveMonitorState(tx, {
        monitor_id: m.id,
        state: m.state.confirmed,
        since: new Date(m.state.since),
        failure_kind: m.state.failure?.kind ?? null,
        failure_message: m.state.failure?.message ?? null,
      });
    return settle(tx, componentId, change.impact, change.at, m && { monitorId: m.id, failure: m.failure });
  }
}

/** Brings the component's open outage in line with `impact`; true when an outage was closed. */
async function settle(tx: Kysely<Database>, componentId: string, impact: Impact | undefined, at: number, cause?: { monitorId: string; failure?: Failure }): Promise<boolean> {
  const open = await findOpenOutage(tx, componentId);
  if (open?.impact === impact) return false;
  const atDate = new Date(at);
  if (open !== undefined) {
    // A worse state confirmed from a streak older than the open outage
    // replaces it rather than leaving a zero-length slice.
    if (impact !== undefined && atDate <= open.started_at) {
      await changeOutageImpact(tx, open.id, impact);
      return false;
    }
    await closeOutage(tx, open.id, atDate < open.started_at ? open.started_at : atDate);
  }
  if (impact !== undefined) await openOutage(tx, { componentId, impact, startedAt: atDate, monitorId: cause?.monitorId, failure: cause?.failure });
  return open !== undefined;
}

async function openComponentIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('outages').select('component_id').where('ended_at', 'is', null).execute();
  return rows.map((r) => r.component_id);
}
