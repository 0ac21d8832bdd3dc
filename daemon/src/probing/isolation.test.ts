import { describe, expect, it } from 'vitest';
import type { FailureKind } from '@sla/shared';
import { createIsolationGuard, type Verdict } from './isolation.ts';

const monitors = (...ids: string[]) => ids.map((id) => ({ id, intervalMs: 1_000, timeoutMs: 500 }));

/** The verdict if it is known now, `waiting` if it waits for evidence. */
const now = (v: Verdict | Promise<Verdict>) => (v instanceof Promise ? 'waiting' : v);

describe('isolation guard (issues #2, #14)', () => {
  it.each<[string, string[], string[], Record<string, FailureKind | undefined>, boolean]>([
    ['every monitor refused', ['a', 'b', 'c'], [], { a: 'refused', b: 'timeout', c: 'network' }, true],
    ['one monitor answered', ['a', 'b', 'c'], [], { a: 'refused', b: undefined, c: 'timeout' }, false],
    ['all failed, but one with a bad status (the network works)', ['a', 'b', 'c'], [], { a: 'refused', b: 'status', c: 'timeout' }, false],
    ['a monitor has not reported yet', ['a', 'b', 'c'], [], { a: 'refused', b: 'refused' }, false],
    ['fewer monitors than the minimum of 3', ['a', 'b'], [], { a: 'refused', b: 'refused' }, false],
    ['the canary failed', ['a', 'b', 'canary'], ['canary'], { a: undefined, b: undefined, canary: 'status' }, true],
    ['the canary is fine', ['a', 'b', 'canary'], ['canary'], { a: 'refused', b: undefined, canary: undefined }, false],
    ['one of two canaries is fine', ['a', 'k1', 'k2'], ['k1', 'k2'], { a: 'refused', k1: 'timeout', k2: undefined }, false],
  ])('%s → isolated %s (the gauge)', (_name, ids, canaries, latest, expected) => {
    const guard = createIsolationGuard(3);
    guard.setMonitors(monitors(...ids), canaries);
    for (const [id, kind] of Object.entries(latest)) guard.record(id, 1, kind);
    expect(guard.isolated()).toBe(expected);
  });

  it('a failure that is not the network counts at once; a canary’s failure never does', () => {
    const guard = createIsolationGuard(3);
    guard.setMonitors(monitors('a', 'canary'), ['canary']);
    expect(guard.verdict('a', 10, 'status')).toBe('counts');
    expect(guard.verdict('a', 10, undefined)).toBe('counts');
    expect(guard.verdict('canary', 10, undefined)).toBe('counts');
    expect(guard.verdict('canary', 10, 'timeout')).toBe('isolated');
    expect(guard.verdict('canary', 10, 'status')).toBe('isolated');
  });

  it('a network failure waits for the canary’s first probe from its instant on, whatever came before', async () => {
    const guard = createIsolationGuard(3);
    guard.setMonitors(monitors('a', 'canary'), ['canary']);
    guard.record('canary', 5, undefined); // fine, but before the failure: proves nothing about 10
    guard.record('a', 10, 'refused');
    const cut = guard.verdict('a', 10, 'refused');
    expect(now(cut)).toBe('waiting');
    guard.record('canary', 12, 'timeout');
    expect(await cut).toBe('isolated');

    guard.record('a', 20, 'refused');
    const down = guard.verdict('a', 20, 'refused');
    guard.record('canary', 20, undefined);
    expect(await down).toBe('counts');
    // Evidence already there: known at once.
    expect(guard.verdict('a', 19, 'refused')).toBe('counts');
  });

  it('without canaries, a network failure waits for every monitor and is isolated only if all failed by the network', async () => {
    const guard = createIsolationGuard(3);
    guard.setMonitors(monitors('fast', 'mid', 'slow'), []);
    // The fast monitor fails twice before the slow ones say anything: no answer yet either time.
    guard.record('fast', 10, 'refused');
    const first = guard.verdict('fast', 10, 'refused');
    guard.record('fast', 20, 'refused');
    const second = guard.verdict('fast', 20, 'refused');
    expect([now(first), now(second)]).toEqual(['waiting', 'waiting']);
    guard.record('mid', 15, 'timeout');
    guard.record('slow', 25, 'dns');
    expect(await first).toBe('isolated');
    expect(now(second)).toBe('waiting'); // mid's result at 15 is older than 20
    guard.record('mid', 30, 'status'); // it answered: the network works
    expect(await second).toBe('counts');
  });

  it('a stop answers the open questions isolated: kept as unknown, never as a failure', async () => {
    const guard = createIsolationGuard(3);
    guard.setMonitors(monitors('a', 'canary'), ['canary']);
    const open = guard.verdict('a', 10, 'refused');
    guard.close();
    expect(await open).toBe('isolated');
  });

  it('a reload that removes the canary settles the questions waiting for it', async () => {
    const guard = createIsolationGuard(3);
    guard.setMonitors(monitors('a', 'b', 'canary'), ['canary']);
    guard.record('b', 10, undefined);
    const open = guard.verdict('a', 10, 'refused');
    expect(now(open)).toBe('waiting');
    guard.setMonitors(monitors('a', 'b'), []);
    guard.record('a', 11, 'refused');
    expect(await open).toBe('counts'); // fewer than three monitors: no question is asked any more
  });
});
