import type { ComponentStatus } from '@sla/shared';
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
  /** Feeds one probe result; resolves once any resulting outage change is committed. */
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
 */
export interface TrackerOptions {
  /** After an outage of this component was closed or narrowed (committed): its credits may have changed. */
  onOutageEnded?: (componentId: string) => void;
}

export async function createTracker(db: Kysely<Database>, options: TrackerOptions = {}): Promise<Tracker> {
  const stored = new Map((await loadMonitorStates(db)).map((r) => [r.monitor_id, r]));
  let monitors = new Map<string, TrackedMonitor>();
  const detectors = new Map<string, DetectorState>();
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  // Grouped once per setMonitors: status() is read per component at every
  // scrape and page render, and scanning all monitors each time was quadratic
  // (issue #6: 331 ms of a 10,000-monitor scrape).
  let byComponent = new Map<string, TrackedMonitor[]>();
  const status = (componentId: string): ComponentStatus =>
    componentStatus((byComponent.get(componentId) ?? []).map((m) => detectors.get(m.id)!.confirmed));

  /** Brings the component's open outage in line with its status; true when an outage was closed. */
  async function settle(tx: Kysely<Database>, componentId: string, at: number, cause?: { monitorId: string; failure?: Failure }): Promise<boolean> {
    const impact = impactOf(status(componentId));
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
    if (impact !== undefined)
      await openOutage(tx, { componentId, impact, startedAt: atDate, monitorId: cause?.monitorId, failure: cause?.failure });
    return open !== undefined;
  }

  return {
    status,
    setMonitors: (list, now) =>
      serial(async () => {
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
        const ended = await db.transaction().execute(async (tx) => {
          const closed: string[] = [];
          for (const componentId of components) if (await settle(tx, componentId, now)) closed.push(componentId);
          return closed;
        });
        ended.forEach((componentId) => options.onOutageEnded?.(componentId));
      }),
    observe: (monitorId, obs) =>
      serial(async () => {
        const monitor = monitors.get(monitorId);
        const current = detectors.get(monitorId);
        if (monitor === undefined || current === undefined) return undefined; // removed by a reload mid-probe
        const step = observe(current, obs, monitor.thresholds);
        if (step.transition === undefined) {
          detectors.set(monitorId, step.state);
          return undefined;
        }
        const before = detectors.get(monitorId)!;
        detectors.set(monitorId, step.state);
        try {
          const ended = await db.transaction().execute(async (tx) => {
            await saveMonitorState(tx, {
              monitor_id: monitorId,
              state: step.state.confirmed,
              since: new Date(step.state.since),
              failure_kind: step.state.failure?.kind ?? null,
              failure_message: step.state.failure?.message ?? null,
            });
            return settle(tx, monitor.componentId, step.transition!.at, { monitorId, failure: step.transition!.failure });
          });
          if (ended) options.onOutageEnded?.(monitor.componentId);
        } catch (error) {
          detectors.set(monitorId, before); // not committed: the next result retries the transition
          throw error;
        }
        return step.transition;
      }),
  };
}

async function openComponentIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('outages').select('component_id').where('ended_at', 'is', null).execute();
  return rows.map((r) => r.component_id);
}
