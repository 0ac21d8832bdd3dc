import { describe, expect, it } from 'vitest';
import { reconcile, type OwedLine, type StandingEntry } from './reconcile.ts';

const line = (ref: string, seconds: bigint, amount: bigint, extra: Partial<OwedLine> = {}): OwedLine => ({
  source: 'outage', ref, occurrence: null, creditAs: 'license', licenseSeconds: seconds, amountVnd: amount, line: { ref }, ...extra,
});
let nextId = 1;
const entry = (ref: string, state: StandingEntry['state'], seconds: bigint, amount: bigint, extra: Partial<StandingEntry> = {}): StandingEntry => ({
  id: nextId++, kind: 'credit', source: 'outage', ref, occurrence: null, creditAs: 'license', licenseSeconds: seconds, amountVnd: amount, state, reversesId: null, ...extra,
});

describe('ledger reconciliation (docs/contract.md §4: never an edit, corrections reverse)', () => {
  it('proposes a new line', () => {
    expect(reconcile([line('O-1', 43_200n, 100_000n)], [])).toEqual([{ type: 'propose', line: line('O-1', 43_200n, 100_000n) }]);
  });

  it('does nothing when the figures are unchanged, whatever the state', () => {
    for (const state of ['proposed', 'approved', 'applied', 'rejected'] as const)
      expect(reconcile([line('O-1', 43_200n, 100_000n)], [entry('O-1', state, 43_200n, 100_000n)])).toEqual([]);
  });

  it('replaces an undecided proposal whose figures changed', () => {
    const old = entry('O-1', 'proposed', 86_400n, 200_000n);
    expect(reconcile([line('O-1', 43_200n, 100_000n)], [old])).toEqual([
      { type: 'supersede', entryId: old.id },
      { type: 'propose', line: line('O-1', 43_200n, 100_000n) },
    ]);
  });

  it.each(['approved', 'applied'] as const)('reverses an %s entry whose figures changed, and proposes the new ones', (state) => {
    const old = entry('O-1', state, 86_400n, 200_000n);
    expect(reconcile([line('O-1', 43_200n, 100_000n)], [old])).toEqual([
      { type: 'reverse', entry: old },
      { type: 'propose', line: line('O-1', 43_200n, 100_000n) },
    ]);
  });

  it('reverses an approved entry whose line now owes nothing (force majeure approved afterwards)', () => {
    const old = entry('O-1', 'approved', 43_200n, 100_000n);
    expect(reconcile([line('O-1', 0n, 0n)], [old])).toEqual([{ type: 'reverse', entry: old }]);
    expect(reconcile([], [old])).toEqual([{ type: 'reverse', entry: old }]);
  });

  // Issue #12: the contract's fee changed, and a rejected 1,000,000 ₫ fine came back as a proposal.
  it('keeps a rejection while the figure it is paid in stands, whatever the other figure does', () => {
    const fine = entry('B-1', 'rejected', 864_000n, 1_000_000n, { source: 'repeat_bug', occurrence: 3, creditAs: 'renewal' });
    const feeChanged = line('B-1', 432_000n, 1_000_000n, { source: 'repeat_bug', occurrence: 3, creditAs: 'renewal' });
    expect(reconcile([feeChanged], [fine])).toEqual([]);
    const asLicense = entry('O-2', 'rejected', 43_200n, 100_000n);
    expect(reconcile([line('O-2', 43_200n, 120_000n)], [asLicense])).toEqual([]);
    const paidOtherwise = line('B-1', 864_000n, 1_000_000n, { source: 'repeat_bug', occurrence: 3, creditAs: 'license' });
    expect(reconcile([paidOtherwise], [fine])).toEqual([{ type: 'propose', line: paidOtherwise, replacesId: fine.id }]);
  });

  it('leaves a rejected entry alone when its line disappears, and proposes again when figures change', () => {
    const rejected = entry('O-1', 'rejected', 43_200n, 100_000n);
    expect(reconcile([], [rejected])).toEqual([]);
    expect(reconcile([line('O-1', 86_400n, 200_000n)], [rejected])).toEqual([{ type: 'propose', line: line('O-1', 86_400n, 200_000n), replacesId: rejected.id }]);
  });

  it('ignores entries already reversed or superseded, and follows the latest standing one', () => {
    const first = entry('O-1', 'approved', 86_400n, 200_000n);
    const reversal = entry('O-1', 'approved', -86_400n, -200_000n, { kind: 'reversal', reversesId: first.id });
    const superseded = entry('O-1', 'superseded', 1n, 1n);
    const current = entry('O-1', 'approved', 43_200n, 100_000n);
    expect(reconcile([line('O-1', 43_200n, 100_000n)], [first, reversal, superseded, current])).toEqual([]);
  });

  it('keys repeat-bug lines by occurrence and a change of credit preference counts as a change', () => {
    const bug = (n: number) => line('B-1', 3600n, 500_000n, { source: 'repeat_bug', occurrence: n });
    const standing = entry('B-1', 'approved', 3600n, 500_000n, { source: 'repeat_bug', occurrence: 2 });
    expect(reconcile([bug(2), bug(3)], [standing])).toEqual([{ type: 'propose', line: bug(3) }]);
    const asRenewal = { ...bug(2), creditAs: 'renewal' as const };
    expect(reconcile([asRenewal], [standing])).toEqual([{ type: 'reverse', entry: standing }, { type: 'propose', line: asRenewal }]);
  });
});
