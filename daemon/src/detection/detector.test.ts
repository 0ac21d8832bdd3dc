import { describe, expect, it } from 'vitest';
import type { ProbeState } from '@sla/shared';
import { initialState, observe, type Thresholds, type Transition } from './detector.ts';

const T0 = Date.parse('2026-01-05T03:00:00Z');
const EVERY = 30_000;
const at = (i: number) => T0 + i * EVERY;
const letters: Record<string, ProbeState> = { u: 'up', g: 'degraded', d: 'down', '?': 'unknown' };

/** Runs a sequence like "uuddd?u" (one probe every 30 s) and returns the transitions as [from, to, probe index]. */
function run(sequence: string, thresholds: Thresholds): Array<[string, string, number]> {
  let state = initialState(T0);
  const out: Transition[] = [];
  [...sequence].forEach((ch, i) => {
    const step = observe(state, { at: at(i), state: letters[ch]!, failure: ch === 'u' ? undefined : { kind: 'refused', message: `probe ${i}` } }, thresholds);
    state = step.state;
    if (step.transition) out.push(step.transition);
  });
  return out.map((t) => [t.from, t.to, (t.at - T0) / EVERY]);
}

const three2 = { failuresToOpen: 3, successesToClose: 2 };

describe('detector: N failures open, M successes close, instants exact (docs/contract.md §1.1)', () => {
  it.each([
    ['steady up', 'uuuuuu', three2, []],
    ['two failures stay below the threshold', 'uudduu', three2, []],
    ['threshold edge: exactly N failures open at the first of them', 'uddd', three2, [['up', 'down', 1]]],
    ['recovery ends at the first good probe of the closing streak', 'udddduu', three2, [['up', 'down', 1], ['down', 'up', 5]]],
    ['one good probe inside an outage does not close it', 'uddddudduu', three2, [['up', 'down', 1], ['down', 'up', 8]]],
    ['flapping never reaches either threshold', 'ududududud', three2, []],
    ['flapping down-side: each failure streak restarts', 'uddudduddd', three2, [['up', 'down', 7]]],
    ['N = 1, M = 1: every change is confirmed', 'udu', { failuresToOpen: 1, successesToClose: 1 }, [['up', 'down', 1], ['down', 'up', 2]]],
    ['a streak of degraded opens degraded', 'ugggu', three2, [['up', 'degraded', 1]]],
    ['a mixed bad streak confirms its mildest state', 'ugddu', three2, [['up', 'degraded', 1]]],
    ['down to degraded to up', 'udddggguu', three2, [['up', 'down', 1], ['down', 'degraded', 4], ['degraded', 'up', 7]]],
    ['unknown breaks a streak: no outage across a gap', 'udd?dduu', three2, []],
    ['unknown inside an outage keeps it open', 'uddd??duu', three2, [['up', 'down', 1], ['down', 'up', 7]]],
  ] as const)('%s: %s', (_name, sequence, thresholds, expected) => {
    expect(run(sequence, thresholds)).toEqual(expected);
  });

  it('keeps the first failure of the opening streak as the reason', () => {
    let state = initialState(T0);
    const kinds = ['timeout', 'refused', 'status'];
    let transition: Transition | undefined;
    kinds.forEach((kind, i) => {
      const step = observe(state, { at: at(i), state: 'down', failure: { kind, message: kind } }, three2);
      state = step.state;
      transition ??= step.transition;
    });
    expect(transition).toEqual({ from: 'up', to: 'down', at: T0, failure: { kind: 'timeout', message: 'timeout' } });
    expect(state).toEqual({ confirmed: 'down', since: T0, failure: { kind: 'timeout', message: 'timeout' } });
  });
});
