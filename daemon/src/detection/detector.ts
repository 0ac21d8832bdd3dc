import type { ProbeState } from '@sla/shared';

/** A monitor's confirmed state: what the status page and outages follow. */
export type Confirmed = 'up' | 'degraded' | 'down';
const SEVERITY: Record<Confirmed, number> = { up: 0, degraded: 1, down: 2 };

export interface Thresholds {
  /** Consecutive worse results that confirm a worse state. */
  failuresToOpen: number;
  /** Consecutive better results that confirm recovery. */
  successesToClose: number;
}

export interface Failure {
  kind: string;
  message: string;
}

export interface Observation {
  /** Epoch ms of the probe. */
  at: number;
  state: ProbeState;
  failure?: Failure;
}

interface Streak {
  direction: 'worse' | 'better';
  count: number;
  startedAt: number;
  /** The state all results of the streak reach at least (the mildest change). */
  target: Confirmed;
  failure?: Failure;
}

export interface DetectorState {
  confirmed: Confirmed;
  since: number;
  failure?: Failure;
  streak?: Streak;
}

export interface Transition {
  from: Confirmed;
  to: Confirmed;
  /**
   * docs/contract.md §1.1 (SLA §C.5): an outage starts at the first failed probe
   * of the streak that confirmed it and ends at the first good probe of the
   * streak that confirmed recovery.
   */
  at: number;
  failure?: Failure;
}

export function initialState(at: number): DetectorState {
  return { confirmed: 'up', since: at };
}

/** Feeds one probe result to a monitor's detector: N worse in a row open, M better in a row close. */
export function observe(state: DetectorState, obs: Observation, t: Thresholds): { state: DetectorState; transition?: Transition } {
  // We could not tell (prober isolated, daemon down): a streak needs consecutive
  // evidence, so the gap breaks it, and the confirmed state stands.
  if (obs.state === 'unknown') return { state: withoutStreak(state) };
  const seen: Confirmed = obs.state;
  if (seen === state.confirmed) return { state: withoutStreak(state) };

  const direction = SEVERITY[seen] > SEVERITY[state.confirmed] ? 'worse' : 'better';
  const previous = state.streak?.direction === direction ? state.streak : undefined;
  const streak: Streak =
    previous === undefined
      ? { direction, count: 1, startedAt: obs.at, target: seen, failure: obs.failure }
      : { ...previous, count: previous.count + 1, target: milder(previous.target, seen, direction) };

  const needed = direction === 'worse' ? t.failuresToOpen : t.successesToClose;
  if (streak.count < needed) return { state: { ...state, streak } };

  const transition: Transition = { from: state.confirmed, to: streak.target, at: streak.startedAt, failure: streak.failure };
  return {
    state: { confirmed: streak.target, since: streak.startedAt, failure: streak.target === 'up' ? undefined : streak.failure },
    transition,
  };
}

function withoutStreak(state: DetectorState): DetectorState {
  if (state.streak === undefined) return state;
  const { streak: _dropped, ...rest } = state;
  return rest;
}

/** Of two states on the same side of the confirmed one, the one nearer to it. */
function milder(a: Confirmed, b: Confirmed, direction: 'worse' | 'better'): Confirmed {
  const pick = direction === 'worse' ? Math.min : Math.max;
  return pick(SEVERITY[a], SEVERITY[b]) === SEVERITY[a] ? a : b;
}
