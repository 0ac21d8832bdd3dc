import { describe, expect, it } from 'vitest';
import { agree, quorumOf, type Agreed, type Vote } from './quorum.ts';

const refused = { kind: 'refused', message: 'connection refused' };
const timeout = { kind: 'timeout', message: 'timed out' };
const up = (since: number): Vote => ({ confirmed: 'up', since });
const down = (since: number, failure = refused): Vote => ({ confirmed: 'down', since, failure });
const degraded = (since: number): Vote => ({ confirmed: 'degraded', since, failure: { kind: 'slow', message: 'slow' } });
const wasUp: Agreed = { confirmed: 'up', since: 0 };

describe('quorumOf', () => {
  it.each([
    [1, undefined, 1],
    [2, undefined, 2],
    [3, undefined, 2],
    [4, undefined, 3],
    [5, undefined, 3],
    [3, 1, 1],
    [3, 3, 3],
    // A configured quorum above the locations still counted (one isolated) is capped.
    [2, 3, 2],
  ])('%i counted, configured %s → %i', (counted, configured, expected) => {
    expect(quorumOf(counted, configured)).toBe(expected);
  });
});

describe('agree', () => {
  it('one location is today’s detector: its state, from its streak’s first probe', () => {
    expect(agree(wasUp, [down(100)], 1)).toEqual({ confirmed: 'down', since: 100, failure: refused });
    expect(agree({ confirmed: 'down', since: 100, failure: refused }, [up(400)], 1)).toEqual({ confirmed: 'up', since: 400, failure: undefined });
  });

  it('one location of three seeing it down is below quorum: nothing opens', () => {
    expect(agree(wasUp, [down(100), up(0), up(0)], 2)).toBe(wasUp);
  });

  it('opens at the earliest first failed probe among the streaks that reach quorum', () => {
    expect(agree(wasUp, [down(300, timeout), down(100), up(0)], 2)).toEqual({ confirmed: 'down', since: 100, failure: refused });
    expect(agree(wasUp, [down(300), down(200), down(100, timeout)], 2)).toEqual({ confirmed: 'down', since: 100, failure: timeout });
  });

  it('closes at the first good probe of the recovery that took it below quorum', () => {
    const open: Agreed = { confirmed: 'down', since: 100, failure: refused };
    // Three down, quorum 2: the first recovery (500) leaves two down; the second (700) closes.
    expect(agree(open, [up(500), down(100), down(120)], 2)).toBe(open);
    expect(agree(open, [up(500), up(700), down(120)], 2)).toEqual({ confirmed: 'up', since: 700, failure: undefined });
    // Whatever order the recoveries are reported in.
    expect(agree(open, [up(700), down(120), up(500)], 2)).toEqual({ confirmed: 'up', since: 700, failure: undefined });
    // A location that never saw it down counts as recovered from the start: one recovery is enough.
    expect(agree(open, [up(0), up(600), down(100)], 2)).toEqual({ confirmed: 'up', since: 600, failure: undefined });
  });

  it('takes the worst state a quorum reaches: down + degraded agree on degraded', () => {
    expect(agree(wasUp, [down(200), degraded(100), up(0)], 2)).toEqual({ confirmed: 'degraded', since: 100, failure: { kind: 'slow', message: 'slow' } });
    const open: Agreed = { confirmed: 'down', since: 100, failure: refused };
    expect(agree(open, [down(100), degraded(400), down(150)], 3)).toEqual({ confirmed: 'degraded', since: 400, failure: refused });
  });

  it('never starts before the agreed state it replaces', () => {
    // One location stayed down through the last close at 900: the new outage starts after it.
    expect(agree({ confirmed: 'up', since: 900 }, [down(100), down(1000), up(950)], 2)).toEqual({ confirmed: 'down', since: 900, failure: refused });
  });

  it('with no location counted (all isolated or gone) the agreed state stands', () => {
    const open: Agreed = { confirmed: 'down', since: 100, failure: refused };
    expect(agree(open, [], 1)).toBe(open);
  });
});
