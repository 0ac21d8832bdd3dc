import { parseConfig, type ComponentStatus } from '@sla/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import type { OpenedDatabase } from '../db/open.ts';
import type { PublicReadModel } from './read-model.ts';
import { createOverviewSource } from './overview.ts';
import { createSnapshotSource } from './snapshot.ts';
import { seedOutage } from './testing.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(testDatabaseKinds())('front-page overview on %s', (kind) => {
  let opened: OpenedDatabase;
  // A second into a minute, so the test can stay inside it.
  let now = Math.floor(Date.parse('2026-11-20T03:00:00Z') / MINUTE) * MINUTE + 1_000;
  let live: ComponentStatus = 'operational';
  let d: PublicReadModel;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    const yaml = 'components:\n  - { id: api, name: API, tier: core }\n  - { id: web, name: Web, tier: core }\nmonitors:\n  - { id: api-http, component: api, kind: http, target: "http://127.0.0.1:9/" }\n  - { id: web-http, component: web, kind: http, target: "http://127.0.0.1:9/" }\n';
    const parsed = parseConfig(yaml, 't.yaml');
    if (!parsed.ok) throw new Error('config');
    await syncCatalog(opened.db, parsed.config, new Date(now - 100 * 24 * HOUR));
    // Watched for 100 days before the test's clock (created_at is the database's own now()).
    await sql`update components set created_at = ${new Date(now - 100 * 24 * HOUR)}`.execute(opened.db);
    d = { db: opened.db, liveStatus: () => live, now: () => now, latestEnd: Temporal.PlainTime.from('06:00'), declaredNoticesCount: true, forceMajeureNeedsSecondApprover: true };
  });
  afterAll(() => opened?.close());

  // Issue #5: the uptime and bars are computed once per zone, snapshot and minute; the rest is live.
  it('shows status at once, a new outage at once, and a running outage’s growing downtime within a minute', async () => {
    const overview = createOverviewSource(d, createSnapshotSource(d));
    const api = async () => (await overview('Asia/Ho_Chi_Minh')).components.find((c) => c.id === 'api')!;
    await seedOutage(opened.db, { component: 'api', impact: 'major_outage', startedAt: new Date(now - HOUR), endedAt: null });
    const first = await api();
    expect(first.uptime['24h']).toBeLessThan(1);

    now += 30_000;
    live = 'major_outage';
    const sameMinute = await api();
    expect(sameMinute.status).toBe('major_outage');
    expect(sameMinute.uptime).toEqual(first.uptime);

    now += 30_000; // the next minute: 60 s more of the outage in the figures
    const nextMinute = await api();
    expect(nextMinute.uptime['24h']).toBeLessThan(first.uptime['24h']!);

    await seedOutage(opened.db, { component: 'web', impact: 'partial_outage', startedAt: new Date(now - 10 * MINUTE), endedAt: new Date(now - 5 * MINUTE) });
    const web = (await overview('Asia/Ho_Chi_Minh')).components.find((c) => c.id === 'web')!;
    expect(web.uptime['24h']).toBeLessThan(1);
    expect(web.bar.states.at(-1)).toBe('partial_outage');
  });
});
