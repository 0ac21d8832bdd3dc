import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { recordDaemonGap } from './daemon-gap.ts';
import { createResultWriter, type NewResult } from './result-writer.ts';
import { applyRetention, rollUp } from './rollups.ts';

const T0 = Date.parse('2026-04-01T10:00:00Z');
const result = (monitor: string, offsetS: number, state: NewResult['state'], durationMs = 10): NewResult => ({
  monitor_id: monitor,
  at: new Date(T0 + offsetS * 1000),
  state,
  duration_ms: durationMs,
  failure_kind: state === 'down' ? 'refused' : null,
  failure_message: null,
  http_status: null,
});

describe.each(testDatabaseKinds())('probe results on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
  });
  afterAll(() => opened?.close());

  it('writes batches of at most maxBatch rows, on its own within a second, and the rest on close', async () => {
    const batches: number[] = [];
    const writer = createResultWriter({ db: opened.db, maxBatch: 3, onBatch: (rows) => batches.push(rows) });
    for (let i = 0; i < 7; i++) writer.push(result('w', i, 'up'));
    await new Promise((r) => setTimeout(r, 1_300));
    expect(writer.pending()).toBe(0);
    expect(batches).toEqual([3, 3, 1]);
    writer.push(result('w', 100, 'down'));
    await writer.close();
    const { n } = await opened.db.selectFrom('probe_results').select((eb) => eb.fn.countAll<number>().as('n')).where('monitor_id', '=', 'w').executeTakeFirstOrThrow();
    expect(Number(n)).toBe(8);
  });

  it('rolls up per minute with counts and latency percentiles, idempotently', async () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => result('r', i * 6, 'up', (i + 1) * 10)), // minute 0: 10..100 ms
      result('r', 60, 'down', 5000),
      result('r', 66, 'unknown', 0),
      result('r', 72, 'degraded', 900),
    ];
    await opened.db.insertInto('probe_results').values(rows).execute();
    const written = [];
    for (let i = 0; i < 2; i++) written.push(await rollUp(opened.db, 'minute', new Date(T0), new Date(T0 + 120_000)));
    // Re-rolling unchanged buckets writes nothing (no dead tuples: issue #7).
    expect(written[0]).toBeGreaterThan(0);
    expect(written[1]).toBe(0);
    await rollUp(opened.db, 'hour', new Date(T0), new Date(T0 + 3_600_000));
    const got = await opened.db.selectFrom('probe_rollups').selectAll().where('monitor_id', '=', 'r').orderBy('resolution', 'desc').orderBy('bucket').execute();
    expect(got.map((r) => [r.resolution, r.bucket.toISOString(), r.up, r.degraded, r.down, r.unknown, r.latency_p50_ms])).toEqual([
      ['minute', '2026-04-01T10:00:00.000Z', 10, 0, 0, 0, 55],
      ['minute', '2026-04-01T10:01:00.000Z', 0, 1, 1, 1, 900],
      ['hour', '2026-04-01T10:00:00.000Z', 10, 1, 1, 1, 60],
    ]);
  });

  it('deletes what is past retention and keeps the rest', async () => {
    await opened.db.insertInto('probe_results').values([result('k', -8 * 86_400, 'up'), result('k', 0, 'up')]).execute();
    await applyRetention(opened.db, { rawResults: 7 * 86_400_000, minuteRollups: 86_400_000, hourRollups: 86_400_000 }, new Date(T0 + 1000));
    const left = await opened.db.selectFrom('probe_results').select('at').where('monitor_id', '=', 'k').execute();
    expect(left.map((r) => r.at.getTime())).toEqual([T0]);
  });

  it('records the time the daemon was down as unknown, per monitor, from its last result', async () => {
    await opened.db.insertInto('probe_results').values([result('g1', 0, 'down'), result('g2', 290, 'up')]).execute();
    const now = new Date(T0 + 300_000);
    const n = await recordDaemonGap(opened.db, [{ id: 'g1', intervalMs: 30_000 }, { id: 'g2', intervalMs: 30_000 }, { id: 'new', intervalMs: 30_000 }], now);
    expect(n).toBe(1);
    const gaps = await opened.db.selectFrom('unknown_periods').selectAll().execute();
    expect(gaps.map((g) => [g.monitor_id, g.started_at.getTime(), g.ended_at.getTime(), g.reason])).toEqual([['g1', T0, now.getTime(), 'daemon_down']]);
  });

  it('finds a last result older than the look-back windows (an hour, a day) in the whole table', async () => {
    await opened.db.insertInto('probe_results').values([result('g3', -3 * 86_400, 'up'), result('g4', -30 * 60, 'up'), result('g4', -2 * 86_400, 'up')]).execute();
    const now = new Date(T0);
    await recordDaemonGap(opened.db, [{ id: 'g3', intervalMs: 30_000 }, { id: 'g4', intervalMs: 30_000 }], now);
    const gaps = await opened.db.selectFrom('unknown_periods').selectAll().where('monitor_id', 'in', ['g3', 'g4']).orderBy('monitor_id').execute();
    expect(gaps.map((g) => [g.monitor_id, g.started_at.getTime()])).toEqual([['g3', T0 - 3 * 86_400_000], ['g4', T0 - 30 * 60_000]]);
  });
});
