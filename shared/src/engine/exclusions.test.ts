import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { interval } from '../time/intervals.ts';
import { allocateExclusions, EXCLUSION_REASONS, type ExclusionFact } from './exclusions.ts';

const H = 3600;
const fact = (reason: ExclusionFact['reason'], ref: string, start: number, end: number): ExclusionFact => ({
  reason,
  ref,
  intervals: [interval(start * H, end * H)],
});

// docs/case-file.md: "the earlier-listed reason takes the overlapping seconds … no
// second is excluded twice"; `excluded` lists only entries with seconds > 0.
describe('allocateExclusions', () => {
  it.each([
    {
      name: 'an earlier reason takes the shared seconds',
      facts: [fact('not_active', 'paused', 0, 2), fact('force_majeure', 'F-1', 1, 4), fact('maintenance', 'M-1', 3, 5)],
      want: [
        { reason: 'not_active', ref: 'paused', seconds: 2 * H },
        { reason: 'force_majeure', ref: 'F-1', seconds: 2 * H },
        { reason: 'maintenance', ref: 'M-1', seconds: 1 * H },
      ],
      creditable: 1 * H,
    },
    {
      name: 'between two of the same reason, the earlier-listed fact',
      facts: [fact('maintenance', 'M-1', 1, 3), fact('maintenance', 'M-2', 2, 4)],
      want: [
        { reason: 'maintenance', ref: 'M-1', seconds: 2 * H },
        { reason: 'maintenance', ref: 'M-2', seconds: 1 * H },
      ],
      creditable: 3 * H,
    },
    {
      name: 'a fact wholly inside an earlier one gets no entry',
      facts: [fact('before_policy', 'v1', -10, 5), fact('force_majeure', 'F-1', 1, 2)],
      want: [{ reason: 'before_policy', ref: 'v1', seconds: 5 * H }],
      creditable: 1 * H,
    },
    {
      name: 'facts outside the outage change nothing',
      facts: [fact('maintenance', 'M-1', 7, 9)],
      want: [],
      creditable: 6 * H,
    },
  ])('$name', ({ facts, want, creditable }) => {
    const result = allocateExclusions(interval(0, 6 * H), [facts]);
    expect(result.excluded).toEqual(want);
    expect(result.creditableSeconds).toBe(creditable);
  });

  it('creditable + Σ excluded = outage seconds, whatever the facts', () => {
    const arbFact = fc
      .tuple(fc.constantFrom(...EXCLUSION_REASONS), fc.integer({ min: -50, max: 150 }), fc.integer({ min: 0, max: 80 }))
      .map(([reason, start, len]): ExclusionFact => ({ reason, ref: `X${start}`, intervals: [interval(start, start + len)] }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.array(arbFact), (start, len, facts) => {
        const { excluded, creditableSeconds } = allocateExclusions(interval(start, start + len), [facts]);
        expect(creditableSeconds + excluded.reduce((sum, e) => sum + e.seconds, 0)).toBe(len);
        for (const e of excluded) expect(e.seconds).toBeGreaterThan(0);
      }),
    );
  });
});
