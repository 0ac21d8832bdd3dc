import { describe, expect, it } from 'vitest';
import { earliestNoticedStart } from './notice-deadline.ts';

const H = 3600;
const now = 1_000_000;

// Issue #15, docs/contract.md §3.1: a notice given now allows a start this early at the soonest.
describe('earliestNoticedStart', () => {
  it.each([
    { kind: 'infrastructure', want: now + 24 * H },
    { kind: 'version_upgrade', want: now + 72 * H },
    { kind: 'minor_update', want: undefined },
    { kind: 'backup', want: undefined },
  ] as const)('$kind → $want', ({ kind, want }) => {
    expect(earliestNoticedStart(kind, now)).toBe(want);
  });
});
