import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { createUptimeReader, readUptime } from './uptime.ts';

const at = (iso: string) => new Date(iso);
const NOW = Date.parse('2026-05-10T10:30:00Z');

async function seed(db: Kysely<Database>) {
  await db.insertInto('components').values([
    { id: 'app', name: 'App', tier: 'core', position: 0, group_name: null, description: null, updated_at: at('2026-01-01T00:00:00Z') },
    { id: 'docs', name: 'Docs', tier: 'feature', position: 1, group_name: null, description: null, updated_at: at('2026-01-01T00:00:00Z') },
  ]).execute();
  await db.insertInto('monitors').values([
    { id: 'm1', component_id: 'app', kind: 'http', target: 'http://a/', interval_ms: 60_000, updated_at: at('2026-01-01T00:00:00Z') },
    { id: 'm2', component_id: 'app', kind: 'tcp', target: 'a:1', interval_ms: 60_000, updated_at: at('2026-01-01T00:00:00Z') },
    // Removed from the config since: its probes still count for the time it ran.
    { id: 'm-old', component_id: 'app', kind: 'tcp', target: 'a:2', interval_ms: 60_000, updated_at: at('2026-01-01T00:00:00Z'), active: false },
    { id: 'd1', component_id: 'docs', kind: 'http', target: 'http://d/', interval_ms: 60_000, updated_at: at('2026-01-01T00:00:00Z') },
  ]).execute();
  const rollup = (monitor_id: string, resolution: 'minute' | 'hour' | 'day', bucket: string, up: number, degraded: number, down: number, unknown: number) =>
    ({ monitor_id, resolution, bucket: at(bucket), up, degraded, down, unknown, latency_p50_ms: null, latency_p95_ms: null, latency_p99_ms: null });
  await db.insertInto('probe_rollups').values([
    rollup('m1', 'hour', '2026-05-10T05:00:00Z', 50, 10, 30, 100),
    rollup('m1', 'minute', '2026-05-10T05:00:00Z', 1000, 0, 0, 0), // minutes are never read: the hour holds them
    rollup('m-old', 'hour', '2026-05-10T06:00:00Z', 10, 0, 0, 0),
    rollup('m2', 'hour', '2026-05-09T09:00:00Z', 0, 0, 100, 0), // before the 24 h window; the day 05-09 holds it for 7 d
    rollup('m2', 'day', '2026-05-09T00:00:00Z', 0, 0, 100, 0),
    rollup('m1', 'day', '2026-05-05T00:00:00Z', 100, 0, 0, 0),
    rollup('m1', 'day', '2026-04-20T00:00:00Z', 0, 0, 50, 0),
    rollup('m1', 'day', '2026-02-20T00:00:00Z', 25, 0, 0, 0),
    rollup('d1', 'day', '2026-01-20T00:00:00Z', 0, 0, 0, 40), // only unknown, and older than 90 d anyway
  ]).execute();
  const result = (monitor_id: string, iso: string, state: 'up' | 'down' | 'unknown') =>
    ({ monitor_id, at: at(iso), state, duration_ms: 1, failure_kind: null, failure_message: null, http_status: null });
  await db.insertInto('probe_results').values([
    result('m1', '2026-05-10T10:10:00Z', 'up'),
    result('m1', '2026-05-10T10:20:00Z', 'down'),
    result('m1', '2026-05-10T10:25:00Z', 'unknown'),
    result('m1', '2026-05-10T09:59:00Z', 'down'), // the 09:00 hour is rolled up: read from there, not twice
    result('d1', '2026-05-10T10:29:00Z', 'unknown'),
  ]).execute();
}

describe.each(testDatabaseKinds())('uptime per component and window on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await seed(opened.db);
  });
  afterAll(() => opened?.close());

  it('counts up and degraded over known probes from day and hour rollups and raw results; no ratio without a known probe', async () => {
    const rows = await readUptime(opened.db, NOW);
    expect(rows).toEqual([
      { window: '24h', component: 'app', good: 60 + 10 + 1, known: 90 + 10 + 2 },
      { window: '7d', component: 'app', good: 60 + 10 + 1 + 100, known: 90 + 10 + 2 + 100 + 100 },
      { window: '30d', component: 'app', good: 171, known: 302 + 50 },
      { window: '90d', component: 'app', good: 171 + 25, known: 352 + 25 },
    ]);
  });

  it('keeps the rolled-up part until an hour turns, and reads new raw results at every call', async () => {
    const read = createUptimeReader(opened.db);
    const day = async (now: number) => (await read(now)).find((u) => u.window === '24h');
    expect(await day(NOW)).toMatchObject({ good: 71, known: 102 });
    await opened.db.insertInto('probe_results').values({ monitor_id: 'm1', at: at('2026-05-10T10:28:00Z'), state: 'up', duration_ms: 1, failure_kind: null, failure_message: null, http_status: null }).execute();
    await opened.db.insertInto('probe_rollups').values({ monitor_id: 'm1', resolution: 'hour', bucket: at('2026-05-10T07:00:00Z'), up: 1000, degraded: 0, down: 0, unknown: 0, latency_p50_ms: null, latency_p95_ms: null, latency_p99_ms: null }).execute();
    expect(await day(NOW + 60_000)).toMatchObject({ good: 72, known: 103 });
    // 11:30: the 24 h window's hours run to 11:00 and are read again (no rollup of 10:00 in this data).
    expect(await day(NOW + 3_600_000)).toMatchObject({ good: 60 + 10 + 1000, known: 90 + 10 + 1000 });
  });
});
