import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clip, intersect, interval, measure, merge, overlaps, subtract, type Interval } from './intervals.ts';

const iv = (start: number, end: number): Interval => interval(start, end);

/** A model to check against: the set of whole seconds an interval list covers. */
function seconds(list: readonly Interval[]): Set<number> {
  const s = new Set<number>();
  for (const i of list) for (let t = i.start; t < i.end; t++) s.add(t);
  return s;
}
const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
const smallIntervals = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 })).map(([s, len]) => iv(s, s + len)),
  { maxLength: 8 },
);

describe('merge', () => {
  it.each([
    { name: 'drops empty and inverted', input: [iv(5, 5), iv(7, 3)], want: [] },
    { name: 'sorts', input: [iv(10, 12), iv(1, 2)], want: [iv(1, 2), iv(10, 12)] },
    { name: 'joins overlapping', input: [iv(1, 5), iv(3, 8)], want: [iv(1, 8)] },
    { name: 'joins touching (half-open)', input: [iv(1, 5), iv(5, 8)], want: [iv(1, 8)] },
    { name: 'keeps the containing one', input: [iv(1, 10), iv(2, 3)], want: [iv(1, 10)] },
    { name: 'unbounded', input: [iv(-Infinity, 5), iv(4, Infinity)], want: [iv(-Infinity, Infinity)] },
  ])('$name', ({ input, want }) => {
    expect(merge(input)).toEqual(want);
  });
});

describe('overlaps is half-open', () => {
  it.each([
    { a: iv(0, 5), b: iv(5, 9), want: false },
    { a: iv(0, 5), b: iv(4, 9), want: true },
    { a: iv(3, 4), b: iv(0, 9), want: true },
  ])('$a.start-$a.end vs $b.start-$b.end → $want', ({ a, b, want }) => {
    expect(overlaps(a, b)).toBe(want);
    expect(overlaps(b, a)).toBe(want);
  });
});

describe('clip, intersect, subtract, measure', () => {
  it('clips to a window', () => {
    expect(clip([iv(0, 10), iv(20, 30), iv(40, 50)], iv(5, 25))).toEqual([iv(5, 10), iv(20, 25)]);
  });
  it('subtracts holes from the middle and the edges', () => {
    expect(subtract([iv(0, 100)], [iv(-5, 10), iv(20, 30), iv(90, 200)])).toEqual([iv(10, 20), iv(30, 90)]);
  });
  it('subtracts one long interval from several', () => {
    expect(subtract([iv(0, 10), iv(20, 30)], [iv(5, 25)])).toEqual([iv(0, 5), iv(25, 30)]);
  });
  it('intersects with an unbounded side', () => {
    expect(intersect([iv(0, 10)], [iv(-Infinity, 4)])).toEqual([iv(0, 4)]);
  });
  it('measures', () => {
    expect(measure([iv(0, 10), iv(20, 25)])).toBe(15);
  });

  it('merge keeps exactly the covered seconds, in normal form', () => {
    fc.assert(
      fc.property(smallIntervals, (list) => {
        const m = merge(list);
        expect(sorted(seconds(m))).toEqual(sorted(seconds(list)));
        for (let k = 1; k < m.length; k++) expect(m[k]!.start).toBeGreaterThan(m[k - 1]!.end);
      }),
    );
  });
  it('intersect and subtract agree with set algebra, and split a into two parts', () => {
    fc.assert(
      fc.property(smallIntervals, smallIntervals, (x, y) => {
        const a = merge(x);
        const b = merge(y);
        const sa = seconds(a);
        const sb = seconds(b);
        expect(sorted(seconds(intersect(a, b)))).toEqual(sorted(sa).filter((t) => sb.has(t)));
        expect(sorted(seconds(subtract(a, b)))).toEqual(sorted(sa).filter((t) => !sb.has(t)));
        expect(measure(intersect(a, b)) + measure(subtract(a, b))).toBe(measure(a));
      }),
    );
  });
});
