import { describe, expect, it } from 'vitest';
import type { FailureKind } from '@sla/shared';
import { createIsolationGuard } from './isolation.ts';

type Latest = Record<string, FailureKind | undefined>;

describe('isolation guard (issue #2)', () => {
  it.each<[string, string[], Latest, string | undefined, boolean]>([
    ['every monitor refused', ['a', 'b', 'c'], { a: 'refused', b: 'timeout', c: 'network' }, undefined, true],
    ['one monitor answered', ['a', 'b', 'c'], { a: 'refused', b: undefined, c: 'timeout' }, undefined, false],
    ['all failed, but one with a bad status (the network works)', ['a', 'b', 'c'], { a: 'refused', b: 'status', c: 'timeout' }, undefined, false],
    ['a monitor has not reported yet', ['a', 'b', 'c'], { a: 'refused', b: 'refused' }, undefined, false],
    ['fewer monitors than the minimum of 3', ['a', 'b'], { a: 'refused', b: 'refused' }, undefined, false],
    ['the canary failed', ['a', 'b', 'canary'], { a: undefined, b: undefined, canary: 'status' }, 'canary', true],
    ['the canary is fine', ['a', 'b', 'canary'], { a: 'refused', b: undefined, canary: undefined }, 'canary', false],
  ])('%s → %s', (_name, ids, latest, canary, expected) => {
    const guard = createIsolationGuard(3);
    guard.setMonitors(ids, canary);
    for (const [id, kind] of Object.entries(latest)) guard.record(id, kind);
    expect(guard.isolated()).toBe(expected);
  });

  it('follows each monitor’s latest result, not its history', () => {
    const guard = createIsolationGuard(3);
    guard.setMonitors(['a', 'b', 'c'], undefined);
    for (const id of ['a', 'b', 'c']) guard.record(id, 'refused');
    expect(guard.isolated()).toBe(true);
    guard.record('b', undefined);
    expect(guard.isolated()).toBe(false);
    guard.record('b', 'dns');
    expect(guard.isolated()).toBe(true);
    guard.setMonitors(['a', 'b', 'c', 'd'], undefined);
    expect(guard.isolated()).toBe(false);
  });
});
