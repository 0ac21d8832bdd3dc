import { describe, expect, it } from 'vitest';
import { interval } from '../time/intervals.ts';
import { notActiveFacts, stateSegments } from './contract-states.ts';
import { allocateExclusions } from './exclusions.ts';

const H = 3600;

describe('stateSegments (docs/case-file.md: before the first state counts as deployment)', () => {
  it('no states: deployment forever', () => {
    expect(stateSegments([])).toEqual([{ state: 'deployment', start: -Infinity, end: Infinity }]);
  });
  it('back-to-back segments from the history', () => {
    expect(stateSegments([{ state: 'active', from: 10 }, { state: 'paused', from: 20 }])).toEqual([
      { state: 'deployment', start: -Infinity, end: 10 },
      { state: 'active', start: 10, end: 20 },
      { state: 'paused', start: 20, end: Infinity },
    ]);
  });
});

// docs/contract.md §1.4: an outage spanning state changes is split; only active time is owed.
describe('not_active exclusions', () => {
  const history = [
    { state: 'active', from: 2 * H },
    { state: 'paused', from: 4 * H },
    { state: 'active', from: 5 * H },
    { state: 'paused', from: 7 * H },
    { state: 'active', from: 8 * H },
  ] as const;
  const outage = interval(0, 10 * H);

  it.each([
    {
      pausedEarnsCredits: false,
      want: [
        { reason: 'not_active', ref: 'deployment', seconds: 2 * H },
        { reason: 'not_active', ref: 'paused', seconds: 2 * H }, // two paused spells, one entry
      ],
      creditable: 6 * H,
    },
    {
      pausedEarnsCredits: true,
      want: [{ reason: 'not_active', ref: 'deployment', seconds: 2 * H }],
      creditable: 8 * H,
    },
  ])('pausedEarnsCredits=$pausedEarnsCredits: one entry per state, its name as ref', ({ pausedEarnsCredits, want, creditable }) => {
    const facts = notActiveFacts(stateSegments(history), pausedEarnsCredits);
    const { excluded, creditableSeconds } = allocateExclusions(outage, [facts]);
    expect(excluded).toEqual(want);
    expect(creditableSeconds).toBe(creditable);
  });

  it('a contract back in deployment after being active excludes that time too', () => {
    const facts = notActiveFacts(stateSegments([{ state: 'active', from: 0 }, { state: 'deployment', from: 3 * H }]), false);
    expect(allocateExclusions(outage, [facts]).excluded).toEqual([{ reason: 'not_active', ref: 'deployment', seconds: 7 * H }]);
  });
});
