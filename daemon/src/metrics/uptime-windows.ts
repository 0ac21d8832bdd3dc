// Where the probes of an uptime window are counted from (issue #6): the
// coarsest rollup that is complete for each stretch of the window, and raw
// results for the last hour or two that no rollup covers yet.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const UPTIME_WINDOWS = [
  ['24h', DAY],
  ['7d', 7 * DAY],
  ['30d', 30 * DAY],
  ['90d', 90 * DAY],
] as const;
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number][0];

export interface Segment {
  source: 'day' | 'hour' | 'raw';
  /** Epoch ms, [from, to): rollup buckets starting in it, or raw results taken in it. */
  from: number;
  to: number;
}

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

/**
 * The window [now − length, now), its start rounded down to the hour, as
 * segments. Rollups are UTC buckets written by the calendar jobs (jobs/
 * calendar.ts): an hour at minute 1 of the next, a day at 00:05; a bucket is
 * trusted once that time is past with a margin, so no stretch is counted
 * twice or missed while a job has yet to run.
 */
export function uptimeSegments(now: number, length: number): Segment[] {
  const start = floorTo(now - length, HOUR);
  const hoursUntil = floorTo(now - 2 * MINUTE, HOUR);
  const daysUntil = Math.min(floorTo(now - 10 * MINUTE, DAY), hoursUntil);
  const daysFrom = ceilTo(start, DAY);
  const segments: Segment[] =
    daysFrom < daysUntil
      ? [
          { source: 'hour', from: start, to: daysFrom },
          { source: 'day', from: daysFrom, to: daysUntil },
          { source: 'hour', from: daysUntil, to: hoursUntil },
        ]
      : [{ source: 'hour', from: start, to: hoursUntil }];
  segments.push({ source: 'raw', from: hoursUntil, to: now });
  return segments.filter((s) => s.from < s.to);
}
