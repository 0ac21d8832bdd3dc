import type { ExclusionFact } from './exclusions.ts';
import type { Interval } from '../time/intervals.ts';

/**
 * The facts (one interval each) overlapping a span, in their given order,
 * found by binary search among them sorted by start: an event covering every
 * component would otherwise be checked against every outage of the year.
 */
export function overlapFinder(facts: readonly ExclusionFact[]): (span: Interval) => ExclusionFact[] {
  const entries = facts
    .map((fact, order) => ({ fact, order, start: fact.intervals[0]?.start ?? 0, end: fact.intervals[0]?.end ?? 0 }))
    .filter((entry) => entry.start < entry.end)
    .sort((a, b) => a.start - b.start);
  const longest = entries.reduce((max, e) => Math.max(max, e.end - e.start), 0);
  return (span) => {
    // An overlapping fact starts before the span ends and, being at most `longest` long, after span.start − longest.
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid]!.start <= span.start - longest) lo = mid + 1;
      else hi = mid;
    }
    const found: Array<(typeof entries)[number]> = [];
    for (let i = lo; i < entries.length && entries[i]!.start < span.end; i++) if (entries[i]!.end > span.start) found.push(entries[i]!);
    return found.sort((a, b) => a.order - b.order).map((entry) => entry.fact);
  };
}
