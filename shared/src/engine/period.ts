import type { Interval } from '../time/intervals.ts';

// docs/case-file.md `period`: clip to this interval. Outages and windows are cut to
// it; a bug occurrence belongs to it when reported inside it.

/** The part of `span` inside the period; undefined when none. An instant-long span belongs when it starts inside. */
export function clipToPeriod(span: Interval, period: Interval | undefined): Interval | undefined {
  if (period === undefined) return span;
  if (span.start === span.end) return isInPeriod(span.start, period) ? span : undefined;
  const start = Math.max(span.start, period.start);
  const end = Math.min(span.end, period.end);
  return start < end ? { start, end } : undefined;
}

/** Half-open: `from` belongs to the period, `to` does not. */
export function isInPeriod(instant: number, period: Interval | undefined): boolean {
  return period === undefined || (period.start <= instant && instant < period.end);
}
