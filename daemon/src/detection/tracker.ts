import type { ComponentStatus, Impact } from '@sla/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { changeOutageImpact, closeOutage, findOpenOutage, openOutage } from '../outages/outage.repository.ts';
import { componentStatus, impactOf } from './component-status.ts';
import { initialState, observe, type DetectorState, type Failure, type Observation, type Thresholds, type Transition } from './detector.ts';
import { dropVotesExcept, loadVotes, saveVotes, type StoredVote } from './location-vote.repository.ts';
import { loadMonitorStates, saveMonitorState } from './monitor-state.repository.ts';
import { agree, quorumOf, type Agreed, type Vote } from './quorum.ts';

export interface TrackedMonitor {
  id: string;
  componentId: string;
  /** `quorum`: the locations that must agree (issue #14); default a majority of those counted. */
  thresholds: Thresholds & { quorum?: number };
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
  /**
   * Issue #14: the votes of the other locations now counted (alive, not
   * isolated), and whether this one's own votes count. Re-agrees every monitor
   * and commits what changed, as observe() does.
   */
  refresh: (others: readonly StoredVote[], selfCounted: boolean) => Promise<void>;
  status: (componentId: string) => ComponentStatus;
  /** Writes every queued change now; a new tracker is created from the stored states only after it (issue #14). */
  flush: () => Promise<void>;
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
  /** This daemon's location: its detectors' states are its votes (issue #14); default 'local'. */
  location?: string;
  /**
   * Issue #14: run inside each transaction that writes outages or monitor
   * states; rejects with NotLeadingError when this daemon no longer leads.
   * The change stays queued, as while the database is down.
   */
  fence?: (tx: Kysely<Database>) => Promise<void>;
  /**
   * Issue #15: run inside the transaction that opened or closed an outage
   * (operators' alerts are queued with it). It must stay cheap: the
   * transaction holds the component's probe pipeline.
   */
  onOutageChange?: (tx: Kysely<Database>, change: OutageChange) => Promise<void>;
  /** After a transaction that opened or closed an outage committed (issue #15: rings the outbox bell, all PGlite has). */
  onOutageCommitted?: () => void;
  /** Epoch ms: when a change happened, for what the instants of the probes do not say (issue #19). Default: Date.now. */
  now?: () => number;
}

/** An outage the tracker opened or closed, as the operators' alerts tell it. */
export interface OutageChange {
  kind: 'opened' | 'closed';
  outageId: number;
  componentId: string;
  impact: Impact;
  startedAt: Date;
  endedAt?: Date;
}

/**
 * A change to write for one component, with the status it had then: written
 * later (the database was down) it still records the original instants.
 */
interface PendingChange {
  at: number;
  /**
   * The tracker's clock when the change was made, so when the component's
   * status changed (issue #19: an outage turned worse in place keeps its start,
   * and records this); written later, it still says then.
   */
  seenAt: number;
  /** The component's outage to bring in line with its impact then; absent when only a vote changed. */
  outage?: { impact: Impact | undefined };
  /** The monitor whose agreed transition caused it, and its state to store; none for a reload's settling. */
  monitor?: { id: string; state: Agreed; failure?: Failure };
  /** This location's vote, when its own detector's state changed (issue #14). */
  vote?: StoredVote;
}

export async function createTracker(db: Kysely<Database>, options: TrackerOptions = {}): Promise<Tracker> {
  const location = options.location ?? 'local';
  const now = options.now ?? Date.now;
  const stored = new Map((await loadMonitorStates(db)).map((r) => [r.monitor_id, r]));
  const ownVotes = new Map((await loadVotes(db, location)).map((v) => [v.monitorId, v]));
  let monitors = new Map<string, TrackedMonitor>();
  // Issue #14: this location's own detectors, and the state the counted
  // locations agree on (detection/quorum.ts), which is what outages follow.
  // Alone, or before any refresh(), the agreed state is this location's.
  const detectors = new Map<string, DetectorState>();
  const agreed = new Map<string, Agreed>();
  let others = new Map<string, Vote[]>();
  let selfCounted = true;
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
    componentStatus((byComponent.get(componentId) ?? []).map((m) => agreed.get(m.id)!.confirmed));

  const enqueue = (componentId: string, change: Omit<PendingChange, 'seenAt'>) => {
    // A follower writes its own votes, nothing of the outages.
    const kept = options.readOnly !== true ? change : change.vote && { at: change.at, vote: change.vote };
    if (kept === undefined) return;
    const list = pending.get(componentId) ?? [];
    list.push({ ...kept, seenAt: now() });
    pending.set(componentId, list);
  };

  const voteOf = (monitorId: string, d: DetectorState): StoredVote => ({ location, monitorId, confirmed: d.confirmed, since: d.since, failure: d.failure });

  /** Re-agrees one monitor; the change to write when its agreed state moved. */
  const reagree = (m: TrackedMonitor): { change: Omit<PendingChange, 'seenAt'>; transition: Transition } | undefined => {
    const previous = agreed.get(m.id)!;
    const votes = [...(selfCounted ? [detectors.get(m.id)!] : []), ...(others.get(m.id) ?? [])];
    const next = agree(previous, votes, quorumOf(votes.length, m.thresholds.quorum));
    if (next === previous) return undefined;
    agreed.set(m.id, next);
    const transition: Transition = { from: previous.confirmed, to: next.confirmed, at: next.since, failure: next.failure };
    return {
      transition,
      change: { at: next.since, outage: { impact: impactOf(status(m.componentId)) }, monitor: { id: m.id, state: next, failure: next.failure } },
    };
  };

  /** Writes the component's pending changes in order, each in one transaction; resolves when all are committed. */
  const drain = (componentId: string): Promise<void> => {
    const previous = chains.get(componentId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const list = pending.get(componentId) ?? [];
        while (list.length > 0) {
          // Fenced off (NotLeadingError, issue #14) it stays queued as while the
          // database is down: a daemon that lost the lead to a database outage
          // writes it once it leads again (flush, before its new tracker loads).
          const { ended, changed } = await db.transaction().execute((tx) => write(tx, componentId, list[0]!));
          list.shift(); // committed: only now is it off the list
          if (changed) options.onOutageCommitted?.();
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
      const fresh: TrackedMonitor[] = [];
      for (const m of list) {
        if (detectors.has(m.id)) continue;
        const row = stored.get(m.id);
        // Read once: from here on the detector holds the state (issue #7: 20,000 rows kept for nothing).
        stored.delete(m.id);
        const state: Agreed =
          row === undefined
            ? initialState(now)
            : { confirmed: row.state, since: row.since.getTime(), failure: row.failure_kind ? { kind: row.failure_kind, message: row.failure_message ?? '' } : undefined };
        agreed.set(m.id, state);
        // A location resumes its own vote; one that never voted (the first
        // start after the upgrade, a new location) starts from the agreed state.
        const own = ownVotes.get(m.id);
        ownVotes.delete(m.id);
        detectors.set(m.id, own === undefined ? state : { confirmed: own.confirmed, since: own.since, failure: own.failure });
        fresh.push(m);
      }
      // A vote can be ahead of the agreed state: written while a fenced-off
      // leader's outage write was refused (its new lead resumes here), or by
      // a follower before it led. Agree from the votes at once, not at the
      // next transition, which may never come for a state that stands.
      for (const m of fresh) {
        const step = reagree(m);
        if (step !== undefined) enqueue(m.componentId, step.change);
      }
      // Every location votes on every monitor it probes, a quiet one too: an
      // absent vote would not count, and one location alone would make a quorum.
      await saveVotes(db, list.map((m) => voteOf(m.id, detectors.get(m.id)!)));
      await dropVotesExcept(db, location, list.map((m) => m.id));
      const components = new Set([...list.map((m) => m.componentId), ...(await openComponentIds(db))]);
      for (const componentId of components) enqueue(componentId, { at: now, outage: { impact: impactOf(status(componentId)) } });
      await Promise.all([...components].map(drain));
    },
    flush: async () => {
      await Promise.all([...pending.keys()].map(drain));
    },
    refresh: async (votes, counted) => {
      others = Map.groupBy(
        votes.filter((v) => v.location !== location),
        (v) => v.monitorId,
      );
      selfCounted = counted;
      const touched = new Set<string>();
      for (const m of monitors.values()) {
        const step = reagree(m);
        if (step === undefined) continue;
        enqueue(m.componentId, step.change);
        touched.add(m.componentId);
      }
      await Promise.all([...touched].filter((c) => pending.has(c)).map(drain));
    },
    observe: async (monitorId, obs) => {
      const monitor = monitors.get(monitorId);
      const current = detectors.get(monitorId);
      if (monitor === undefined || current === undefined) return undefined; // removed by a reload mid-probe
      const step = observe(current, obs, monitor.thresholds);
      detectors.set(monitorId, step.state);
      const componentId = monitor.componentId;
      let transition: Transition | undefined;
      if (step.transition !== undefined) {
        const agreedStep = reagree(monitor);
        transition = agreedStep?.transition;
        // One transaction: this location's vote and what the locations now agree on.
        enqueue(componentId, { ...(agreedStep?.change ?? { at: step.transition.at }), vote: voteOf(monitorId, step.state) });
      }
      // Resolves once this component's changes, this one included, are
      // committed; while the database is down it rejects and they stay
      // queued, and the next result of the component retries them.
      if (pending.has(componentId)) await drain(componentId);
      return transition;
    },
  };

  /** One pending change: the monitor's state and the component's outage rows; whether an outage was closed, and whether any opened or closed. */
  async function write(tx: Kysely<Database>, componentId: string, change: PendingChange): Promise<{ ended: boolean; changed: boolean }> {
    if (change.vote !== undefined) await saveVotes(tx, [change.vote]);
    if (change.outage === undefined) return { ended: false, changed: false };
    await options.fence?.(tx);
    const m = change.monitor;
    if (m !== undefined)
      await saveMonitorState(tx, {
        monitor_id: m.id,
        state: m.state.confirmed,
        since: new Date(m.state.since),
        failure_kind: m.state.failure?.kind ?? null,
        failure_message: m.state.failure?.message ?? null,
      });
    const changes: OutageChange[] = [];
    const ended = await settle(tx, componentId, change.outage.impact, change, m && { monitorId: m.id, failure: m.failure }, changes);
    for (const c of changes) await options.onOutageChange?.(tx, c);
    return { ended, changed: changes.length > 0 };
  }
}

/** Brings the component's open outage in line with `impact`; true when an outage was closed. */
async function settle(
  tx: Kysely<Database>,
  componentId: string,
  impact: Impact | undefined,
  { at, seenAt }: Pick<PendingChange, 'at' | 'seenAt'>,
  cause: { monitorId: string; failure?: Failure } | undefined,
  changes: OutageChange[],
): Promise<boolean> {
  const open = await findOpenOutage(tx, componentId);
  if (open?.impact === impact) return false;
  const atDate = new Date(at);
  if (open !== undefined) {
    // A worse state confirmed from a streak older than the open outage
    // replaces it rather than leaving a zero-length slice; the status changed
    // now, not at the streak's start.
    if (impact !== undefined && atDate <= open.started_at) {
      await changeOutageImpact(tx, open.id, impact, new Date(seenAt));
      return false;
    }
    const endedAt = atDate < open.started_at ? open.started_at : atDate;
    await closeOutage(tx, open.id, endedAt);
    changes.push({ kind: 'closed', outageId: open.id, componentId, impact: open.impact, startedAt: open.started_at, endedAt });
  }
  if (impact !== undefined) {
    const opened = await openOutage(tx, { componentId, impact, startedAt: atDate, monitorId: cause?.monitorId, failure: cause?.failure });
    changes.push({ kind: 'opened', outageId: opened.id, componentId, impact, startedAt: opened.started_at });
  }
  return open !== undefined;
}

async function openComponentIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('outages').select('component_id').where('ended_at', 'is', null).execute();
  return rows.map((r) => r.component_id);
}
