import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { interval, overlaps } from '../time/intervals.ts';
import type { ExclusionFact } from './exclusions.ts';
import { overlapFinder } from './overlap-finder.ts';

describe('overlapFinder', () => {
  it('finds exactly the facts a plain scan finds, in input order', () => {
    const fact = fc
      .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 300 }))
      .map(([start, len]): ExclusionFact => ({ reason: 'force_majeure', ref: `F${start}-${len}`, intervals: len > 0 ? [interval(start, start + len)] : [] }));
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 30 }), fc.integer({ min: -100, max: 1100 }), fc.integer({ min: 0, max: 200 }), (facts, start, len) => {
        const span = interval(start, start + len);
        expect(overlapFinder(facts)(span)).toEqual(facts.filter((f) => f.intervals.some((i) => overlaps(i, span))));
      }),
    );
  });
});
