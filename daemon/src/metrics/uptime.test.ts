import { parseConfig } from '@sla/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import type { PublicReadModel } from '../public/read-model.ts';
import { seedOutage, seedWindow } from '../public/testing.ts';
import { createUptimeReader } from './uptime.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-05-13T12:00:00Z');

/**
 * sla_uptime_ratio is the status page's time-based rule (issues #5, #6): an
 * hour of outage is an hour whatever the probe interval, and only the time
 * the component was watched counts.
 */
describe.each(testDatabaseKinds())('uptime for /metrics on %s', (kind) => {
  let opened: OpenedDatabase;
  let d: PublicReadModel;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    const parsed = parseConfig(
      'components:\n  - { id: api, name: API, tier: core }\n  - { id: docs, name: Docs, tier: feature }\n  - { id: bare, name: No monitor, tier: feature }\n' +
        'monitors:\n  - { id: api-http, component: api, kind: http, target: "http://127.0.0.1:9/" }\n  - { id: docs-http, component: docs, kind: http, target: "http://127.0.0.1:9/" }\n',
      't.yaml',
    );
    if (!parsed.ok) throw new Error('config');
    await syncCatalog(opened.db, parsed.config, new Date(NOW - 10 * 24 * HOUR));
    await sql`update components set created_at = ${new Date(NOW - 10 * 24 * HOUR)}`.execute(opened.db); // watched for the last 10 days
    d = { db: opened.db, liveStatus: () => 'operational', now: () => NOW, latestEnd: Temporal.PlainTime.from('06:00'), declaredNoticesCount: true, forceMajeureNeedsSecondApprover: true };
    await seedOutage(opened.db, { component: 'api', impact: 'major_outage', startedAt: new Date(NOW - 3 * HOUR), endedAt: new Date(NOW - 2 * HOUR) });
    // Degraded is drawn on the page but counts as available.
    await seedOutage(opened.db, { component: 'api', impact: 'degraded', startedAt: new Date(NOW - 5 * HOUR), endedAt: new Date(NOW - 4 * HOUR) });
    // Partial outage is downtime; inside a valid window (backup: no notice, from midnight local) it is left out.
    await seedOutage(opened.db, { component: 'docs', impact: 'partial_outage', startedAt: new Date(NOW - 2 * HOUR), endedAt: null });
    const backupStart = Date.parse('2026-05-12T17:00:00Z'); // 00:00 in Asia/Ho_Chi_Minh
    await seedWindow(opened.db, { kind: 'backup', title: 'Backup', startsAt: new Date(backupStart), endsAt: new Date(backupStart + HOUR), components: ['docs'] });
    await seedOutage(opened.db, { component: 'docs', impact: 'major_outage', startedAt: new Date(backupStart), endedAt: new Date(backupStart + HOUR) });
  });
  afterAll(() => opened?.close());

  it('is downtime over watched time, excused time left out of both sides; a component never watched has no ratio', async () => {
    const ratios = Object.fromEntries((await createUptimeReader(d)()).map((u) => [`${u.component} ${u.window}`, u.ratio]));
    expect(ratios).toEqual({
      'api 24h': 1 - 1 / 24,
      'api 7d': 1 - 1 / 168,
      'api 30d': 1 - 1 / 240, // watched for 10 days only
      'api 90d': 1 - 1 / 240,
      'docs 24h': 1 - 2 / 23, // the open partial outage runs to now; the backup hour is not observed
      'docs 7d': 1 - 2 / 167,
      'docs 30d': 1 - 2 / 239,
      'docs 90d': 1 - 2 / 239,
    });
  });
});
