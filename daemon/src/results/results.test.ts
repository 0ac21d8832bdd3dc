import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open.ts';
import { faultyDatabase } from '../db/faulty-database.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { recordDaemonGap } from './daemon-gap.ts';
import { createResultWriter, type NewResult } from './result-writer.ts';
import { packResults } from './compaction.ts';
import { applyRetention, rollUp } from './rollups.ts';
import { storedResults } from './stored-results.ts';

const T0 = Date.parse('2026-04-01T10:00:00Z');
const result = (monitor: string, offsetS: number, state: NewResult['state'], durationMs = 10): NewResult => ({
  monitor_id: monitor,
  location: 'local',
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
    await expect.poll(() => writer.pending(), { timeout: 1_300, interval: 20 }).toBe(0);
    expect(batches).toEqual([3, 3, 1]);
    writer.push(result('w', 100, 'down'));
    await writer.close();
    const { n } = await opened.db.selectFrom('probe_results').select((eb) => eb.fn.countAll<number>().as('n')).where('monitor_id', '=', 'w').executeTakeFirstOrThrow();
    expect(Number(n)).toBe(8);
  });

  it('counts the oldest results it drops past maxBuffered while the database is away (issue #12)', async () => {
    const { db, faults } = faultyDatabase(opened.db);
    let dropped = 0;
    const writer = createResultWriter({ db, maxBuffered: 5, onDropped: (n) => (dropped += n), onError: () => {} });
    faults.down = true;
    for (let i = 0; i < 8; i++) writer.push(result('drop', i, 'up'));
    await writer.flush();
    expect([writer.pending(), dropped]).toEqual([5, 3]);
    faults.down = false;
    await writer.close();
    const kept = await opened.db.selectFrom('probe_results').select('at').where('monitor_id', '=', 'drop').orderBy('at').execute();
    expect(kept.map((r) => r.at.getTime())).toEqual([3, 4, 5, 6, 7].map((i) => T0 + i * 1000));
  });

  it('stores a batch once when its commit was acknowledged and the answer lost, and the retry writes it again (issue #12)', async () => {
    const { db, faults } = faultyDatabase(opened.db);
    const errors: unknown[] = [];
    const writer = createResultWriter({ db, onError: (e) => errors.push(e) });
    for (let i = 0; i < 3; i++) writer.push(result('ack', i, 'up'));
    faults.loseAckOf = /insert into "probe_results"/;
    await writer.flush(); // written, but the writer saw an error: kept for the next try
    expect([errors.length, writer.pending()]).toEqual([1, 3]);
    await writer.close();
    const { n } = await opened.db.selectFrom('probe_results').select((eb) => eb.fn.countAll<number>().as('n')).where('monitor_id', '=', 'ack').executeTakeFirstOrThrow();
    expect(Number(n)).toBe(3);
  });

  it('packs a result once when it is written again after its hour was packed (a lost acknowledgement, issue #12)', async () => {
    const rows = [result('dup', 10, 'up'), result('dup', 20, 'down')];
    const writer = createResultWriter({ db: opened.db });
    for (const r of rows) writer.push(r);
    await writer.flush();
    await packResults(opened.db, new Date(T0 + 3_600_000));
    for (const r of rows) writer.push(r); // the retry of a batch whose acknowledgement was lost
    await writer.close();
    await packResults(opened.db, new Date(T0 + 3_600_000));
    const packed = await opened.db.selectFrom('probe_result_hours').selectAll().where('monitor_id', '=', 'dup').execute();
    expect(packed.map((h) => [h.offsets_ms, h.states])).toEqual([[[10_000, 20_000], [0, 2]]]);
  });

  it('rolls up per hour with counts and latency percentiles, idempotently, from raw and packed results alike', async () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => result('r', i * 360, 'up', (i + 1) * 10)), // hour 0: 10..100 ms
      result('r', 3600, 'down', 5000),
      result('r', 3660, 'unknown', 0),
      result('r', 3720, 'degraded', 900),
    ];
    await opened.db.insertInto('probe_results').values(rows).execute();
    const hours = [new Date(T0), new Date(T0 + 2 * 3_600_000)] as const;
    const written = [await rollUp(opened.db, 'hour', ...hours), await rollUp(opened.db, 'hour', ...hours)];
    // Re-rolling unchanged buckets writes nothing (no dead tuples: issue #7).
    expect(written[0]).toBeGreaterThan(0);
    expect(written[1]).toBe(0);
    // Packed, the same results roll up to the same buckets: nothing to rewrite.
    await packResults(opened.db, new Date(T0 + 3_600_000));
    expect(await rollUp(opened.db, 'hour', ...hours)).toBe(0);
    await rollUp(opened.db, 'day', new Date(T0 - 10 * 3_600_000), new Date(T0 + 14 * 3_600_000));
    const got = await opened.db.selectFrom('probe_rollups').selectAll().where('monitor_id', '=', 'r').orderBy('resolution', 'desc').orderBy('bucket').execute();
    expect(got.map((r) => [r.resolution, r.bucket.toISOString(), r.up, r.degraded, r.down, r.unknown, r.latency_p50_ms])).toEqual([
      ['hour', '2026-04-01T10:00:00.000Z', 10, 0, 0, 0, 55],
      ['hour', '2026-04-01T11:00:00.000Z', 0, 1, 1, 1, 900],
      ['day', '2026-04-01T00:00:00.000Z', 10, 1, 1, 1, 60],
    ]);
  });

  it('keeps two locations\' results of one monitor at one instant apart, raw and packed (issue #14)', async () => {
    const east = createResultWriter({ db: opened.db, location: 'east' });
    const west = createResultWriter({ db: opened.db, location: 'west' });
    for (const w of [east, west]) {
      w.push(result('two', 0, 'up'));
      w.push(result('two', 0, 'up')); // the retry of a lost acknowledgement: still one per location
      await w.close();
    }
    const raw = await opened.db.selectFrom('probe_results').select('location').where('monitor_id', '=', 'two').orderBy('location').execute();
    expect(raw.map((r) => r.location)).toEqual(['east', 'west']);
    await packResults(opened.db, new Date(T0 + 3_600_000));
    await opened.db.insertInto('probe_results').values({ ...result('two', 0, 'up'), location: 'west' }).execute(); // written again after its hour was packed
    await packResults(opened.db, new Date(T0 + 3_600_000));
    const packed = await opened.db.selectFrom('probe_result_hours').select(['location', 'offsets_ms']).where('monitor_id', '=', 'two').orderBy('location').execute();
    expect(packed).toEqual([{ location: 'east', offsets_ms: [0] }, { location: 'west', offsets_ms: [0] }]);
  });

  it('packs finished hours into one row per monitor and hour and gives back every result as it was written', async () => {
    const rows: NewResult[] = [
      result('p', 0, 'up', 12.5),
      // A millisecond apart: one monitor's results at one instant are one result (issue #12's key).
      { ...result('p', 0.001, 'down', 5000), failure_message: 'no response within 5000 ms' },
      { ...result('p', 1799.25, 'degraded', 2100), failure_kind: 'latency', http_status: 200 },
      { ...result('p', 3599.5, 'unknown', 0), failure_kind: 'isolated' },
      result('p', 3600, 'up', 7), // the next hour: still being written, stays raw
      result('q', 60, 'up', 30),
    ];
    await opened.db.insertInto('probe_results').values(rows).execute();
    const before = new Date(T0 + 3_600_000);
    await packResults(opened.db, before);
    const hourRows = await opened.db.selectFrom('probe_result_hours').select(['monitor_id', 'hour']).where('monitor_id', 'in', ['p', 'q']).orderBy('monitor_id').execute();
    expect(hourRows.map((h) => [h.monitor_id, h.hour.getTime()])).toEqual([['p', T0], ['q', T0]]);
    const raw = await opened.db.selectFrom('probe_results').select('at').where('monitor_id', 'in', ['p', 'q']).execute();
    expect(raw.map((r) => r.at.getTime())).toEqual([T0 + 3_600_000]);
    const packed = await opened.db.selectFrom('probe_result_hours').selectAll().where('monitor_id', '=', 'p').execute();
    expect(packed.map((h) => [h.hour.getTime(), h.offsets_ms, h.states])).toEqual([[T0, [0, 1, 1_799_250, 3_599_500], [0, 2, 1, 3]]]);

    // A late batch for a packed hour is appended to it, not lost (brief: a restart never loses a result).
    await opened.db.insertInto('probe_results').values(result('p', 900, 'down', 4000)).execute();
    await packResults(opened.db, before);
    expect(await opened.db.selectFrom('probe_result_hours').select('hour').where('monitor_id', '=', 'p').execute()).toHaveLength(1);
    const back = await sql<NewResult>`select * from ${storedResults(new Date(T0), new Date(T0 + 2 * 3_600_000))} as r where monitor_id in ('p', 'q')`.execute(opened.db);
    const sorted = (list: NewResult[]) =>
      list.map((r) => ({ ...r, at: new Date(r.at).getTime() })).sort((a, b) => a.monitor_id.localeCompare(b.monitor_id) || a.at - b.at || a.state.localeCompare(b.state));
    expect(sorted(back.rows)).toEqual(sorted([...rows, result('p', 900, 'down', 4000)]));
  });

  it('deletes what is past retention and keeps the rest, a packed hour until all of it is past', async () => {
    await opened.db.insertInto('probe_results').values([result('k', -8 * 86_400, 'up'), result('k', -7 * 86_400 - 1800, 'up'), result('k', -7 * 86_400 + 1800, 'up'), result('k', 0, 'up')]).execute();
    await packResults(opened.db, new Date(T0));
    await applyRetention(opened.db, { rawResults: 7 * 86_400_000, hourRollups: 86_400_000 }, new Date(T0 + 1000));
    const left = await sql<{ at: Date }>`select at from ${storedResults(new Date(0), new Date(T0 + 86_400_000))} as r where monitor_id = 'k' order by at`.execute(opened.db);
    expect(left.rows.map((r) => new Date(r.at).getTime())).toEqual([T0 - 7 * 86_400_000 + 1_800_000, T0]);
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
