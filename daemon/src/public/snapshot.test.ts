import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import type { OpenedDatabase } from '../db/open.ts';
import type { PublicReadModel } from './read-model.ts';
import { createSnapshotSource } from './snapshot.ts';
import { seedForceMajeure, seedOutage, seedWindow } from './testing.ts';

const HOUR = 3_600_000;

describe.each(testDatabaseKinds())('front-page history snapshot on %s', (kind) => {
  let opened: OpenedDatabase;
  let now = Date.now();
  let d: PublicReadModel;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    const parsed = parseConfig('components:\n  - { id: api, name: API, tier: core }\nmonitors:\n  - { id: api-http, component: api, kind: http, target: "http://127.0.0.1:9/" }\n', 't.yaml');
    if (!parsed.ok) throw new Error('config');
    await syncCatalog(opened.db, parsed.config, new Date(now - 10 * 24 * HOUR));
    d = { db: opened.db, liveStatus: () => 'operational', now: () => now, latestEnd: Temporal.PlainTime.from('06:00'), declaredNoticesCount: true, forceMajeureNeedsSecondApprover: true };
  });
  afterAll(() => opened?.close());

  it('is read once while nothing changes, and again after every kind of change the front page shows', async () => {
    const snapshot = createSnapshotSource(d);
    let last = await snapshot();
    const reread = async () => {
      const next = await snapshot();
      const changed = next !== last;
      last = next;
      return changed;
    };
    expect(await reread()).toBe(false);

    const outage = await seedOutage(opened.db, { component: 'api', impact: 'partial_outage', startedAt: new Date(now - HOUR), endedAt: null });
    expect(await reread()).toBe(true);
    expect(last.rows.outages).toHaveLength(1);
    await opened.db.updateTable('outages').set({ impact: 'major_outage' }).where('id', '=', outage).execute();
    expect(await reread()).toBe(true);
    expect(last.rows.outages[0]?.impact).toBe('major_outage');
    await opened.db.updateTable('outages').set({ ended_at: new Date(now - HOUR / 2) }).where('id', '=', outage).execute();
    expect(await reread()).toBe(true);

    const windowId = await seedWindow(opened.db, { kind: 'backup', title: 'Backup', startsAt: new Date(now + HOUR), endsAt: new Date(now + 2 * HOUR), components: ['api'] });
    expect(await reread()).toBe(true);
    await opened.db.updateTable('maintenance_windows').set({ cancelled_at: new Date(now), cancelled_by: 'x' }).where('id', '=', windowId).execute();
    expect(await reread()).toBe(true);
    expect(last.rows.windows).toHaveLength(0);

    const fm = await seedForceMajeure(opened.db, { category: 'power_failure', description: 'Blackout', startsAt: new Date(now - 3 * HOUR), endsAt: new Date(now - 2 * HOUR), approvedBy: null });
    expect(await reread()).toBe(true);
    expect(last.rows.forceMajeure).toHaveLength(0);
    await opened.db.updateTable('force_majeure').set({ approved_by: 'approver', approved_at: new Date(now) }).where('id', '=', fm).execute();
    expect(await reread()).toBe(true);
    expect(last.rows.forceMajeure).toHaveLength(1);

    await opened.db.insertInto('unknown_periods').values({ monitor_id: 'api-http', started_at: new Date(now - 5 * HOUR), ended_at: new Date(now - 4 * HOUR), reason: 'daemon_down' }).execute();
    expect(await reread()).toBe(true);
    expect(await reread()).toBe(false);
  });

  it('is read again after a minute even when the fingerprint says nothing changed', async () => {
    const snapshot = createSnapshotSource(d);
    const first = await snapshot();
    now += 59_000;
    expect(await snapshot()).toBe(first);
    now += 2_000;
    expect(await snapshot()).not.toBe(first);
  });
});
