import { describe, expect, it } from 'vitest';
import { interval } from '../time/intervals.ts';
import { clipToPeriod, isInPeriod } from './period.ts';

const period = interval(100, 200);

describe('clipToPeriod (docs/case-file.md: clip to this interval)', () => {
  it.each([
    { name: 'no period: unchanged', span: interval(0, 50), p: undefined, want: interval(0, 50) },
    { name: 'inside', span: interval(120, 150), p: period, want: interval(120, 150) },
    { name: 'straddles the start', span: interval(50, 150), p: period, want: interval(100, 150) },
    { name: 'straddles the end', span: interval(150, 250), p: period, want: interval(150, 200) },
    { name: 'covers the period', span: interval(0, 300), p: period, want: interval(100, 200) },
    { name: 'ends at from: outside', span: interval(50, 100), p: period, want: undefined },
    { name: 'starts at to: outside', span: interval(200, 250), p: period, want: undefined },
    { name: 'an instant inside', span: interval(150, 150), p: period, want: interval(150, 150) },
    { name: 'an instant at to', span: interval(200, 200), p: period, want: undefined },
  ])('$name', ({ span, p, want }) => {
    expect(clipToPeriod(span, p)).toEqual(want);
  });
});

describe('isInPeriod is half-open', () => {
  it.each([
    { t: 99, want: false },
    { t: 100, want: true },
    { t: 199, want: true },
    { t: 200, want: false },
  ])('$t → $want', ({ t, want }) => {
    expect(isInPeriod(t, period)).toBe(want);
  });
});
