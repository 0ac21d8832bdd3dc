import type { ContractState } from '../domain/sets.ts';
import { merge, type Interval } from '../time/intervals.ts';
import type { ExclusionFact } from './exclusions.ts';

export interface StateSegment extends Interval {
  state: ContractState;
}

/**
 * A contract's dated history as back-to-back segments covering all time
 * (docs/case-file.md: time before the first state counts as deployment; `states`
 * is ordered, which validation checks).
 */
export function stateSegments(states: ReadonlyArray<{ state: ContractState; from: number }>): StateSegment[] {
  const segments: StateSegment[] = [];
  let state: ContractState = 'deployment';
  let start = -Infinity;
  for (const next of states) {
    if (next.from > start) segments.push({ state, start, end: next.from });
    state = next.state;
    start = next.from;
  }
  segments.push({ state, start, end: Infinity });
  return segments;
}

/**
 * Terms §2 (docs/contract.md §1.4): only `active` time is owed; `paused` only when
 * the policy says so. One fact per state name (docs/case-file.md: one entry per
 * state, its name as ref), in the order the states first appear.
 */
export function notActiveFacts(segments: readonly StateSegment[], pausedEarnsCredits: boolean): ExclusionFact[] {
  const byState = new Map<ContractState, Interval[]>();
  for (const segment of segments) {
    if (segment.state === 'active' || (segment.state === 'paused' && pausedEarnsCredits)) continue;
    const list = byState.get(segment.state) ?? [];
    list.push({ start: segment.start, end: segment.end });
    byState.set(segment.state, list);
  }
  return [...byState].map(([state, intervals]) => ({ reason: 'not_active', ref: state, intervals: merge(intervals) }));
}
