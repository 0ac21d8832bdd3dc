import { describe, expect, it } from 'vitest';
import { createProbeSeries, LE } from './probe-series.ts';

describe('per-monitor numbers in one array', () => {
  it('keeps every slot\'s numbers when the array grows', () => {
    const series = createProbeSeries(2);
    const slots = Array.from({ length: 5 }, () => series.allocate());
    slots.forEach((slot, i) => series.record(slot, { state: 'up', durationMs: 1000 * (i + 1), httpStatus: 200 + i }, 0, [i, 0, 0, 0]));
    expect(slots.map((slot) => [series.sum(slot), series.count(slot), series.httpStatus(slot), series.phase(slot, 0)])).toEqual(
      slots.map((_, i) => [i + 1, 1, 200 + i, i]),
    );
  });

  it('a freed slot is handed out again with nothing seen', () => {
    const series = createProbeSeries(1);
    const first = series.allocate();
    series.record(first, { state: 'down', durationMs: 20, tlsNotAfter: 5_000, failure: { kind: 'timeout', message: 't' } }, 2, [0.02, 0, 0, 0]);
    series.free(first);
    const again = series.allocate();
    expect(again).toBe(first);
    expect([series.count(again), series.results(again, 2), series.success(again), series.sum(again)]).toEqual([0, 0, 0, 0]);
    expect([series.httpStatus(again), series.tlsNotAfter(again), series.hasPhases(again)]).toEqual([undefined, undefined, false]);
    expect(LE.map((_, i) => series.bucket(again, i))).toEqual(LE.map(() => 0));
  });
});
