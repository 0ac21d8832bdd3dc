import { describe, expect, it } from 'vitest';
import type { DayState } from '@sla/shared/uptime/index.ts';
import { foldUnwatched, observedWindows } from './observed.ts';

const days = (states: DayState[]) => states.map((state, i) => ({ date: new Date(Date.UTC(2026, 11, 1 + i)).toISOString().slice(0, 10), state }));
const run = (n: number, state: DayState) => Array.from({ length: n }, () => state);

describe('observedWindows', () => {
  it('watched for part of today only: 24 hours, then "since" its first day for the rest', () => {
    expect(observedWindows(days([...run(89, 'no_data'), 'operational']))).toEqual({ full: ['24h'], since: { date: '2027-02-28', window: '7d' } });
  });

  it('watched for 10 days: 24 hours and 7 days in full, 30 and 90 days are "since"', () => {
    expect(observedWindows(days([...run(20, 'no_data'), ...run(10, 'operational')]))).toEqual({ full: ['24h', '7d'], since: { date: '2026-12-21', window: '30d' } });
  });

  it('watched the whole time, or never: every window as it is', () => {
    expect(observedWindows(days(run(30, 'operational')))).toEqual({ full: ['24h', '7d', '30d', '90d'] });
    expect(observedWindows(days(run(30, 'no_data')))).toEqual({ full: ['24h', '7d', '30d', '90d'] });
  });
});

describe('foldUnwatched', () => {
  it('folds two or more days without data in a row, keeps a single one and every other day', () => {
    const folded = foldUnwatched(days(['no_data', 'no_data', 'no_data', 'operational', 'no_data', 'major_outage', 'no_data', 'no_data']));
    expect(folded.map((r) => (r.kind === 'day' ? r.day.date : r.days.map((d) => d.date).join('+')))).toEqual([
      '2026-12-01+2026-12-02+2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07+2026-12-08',
    ]);
  });
});
