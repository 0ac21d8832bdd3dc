import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@sla/shared';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { listOutages } from '../outages/outage.repository.ts';
import { createTracker, type TrackedMonitor } from './tracker.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (s: number) => T0 + s * 1000;
const thresholds = { failuresToOpen: 2, successesToClose: 2 };
const config = parseConfig(
  `
components:
  - { id: app, name: App, tier: core }
  - { id: api, name: API, tier: core }
monitors:
  - { id: app-a, component: app, kind: tcp, target: "127.0.0.1:1" }
  - { id: app-b, component: app, kind: tcp, target: "127.0.0.1:2" }
  - { id: api-a, component: api, kind: tcp, target: "127.0.0.1:3" }
`,
  'test.yaml',
);
if (!config.ok) throw new Error('test config invalid');
const monitors: TrackedMonitor[] = config.config.monitors.map((m) => ({ id: m.id, componentId: m.component, thresholds }));
const down = { state: 'down' as const, failure: { kind: 'refused', message: 'connection refused' } };

describe.each(testDatabaseKinds())('tracker on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(opened.db, config.config, new Date(T0));
  });
  afterAll(() => opened?.close());

  it('opens partial then major, narrows back, closes — each slice at its probe instant, and survives a restart', async () => {
    const db = opened.db;
    let tracker = await createTracker(db);
    await tracker.setMonitors(monitors, T0);
    await tracker.observe('app-a', { at: at(10), ...down });
    await tracker.observe('app-a', { at: at(40), ...down }); // confirms app-a down since 10 s
    expect(tracker.status('app')).toBe('partial_outage');
    await tracker.observe('app-b', { at: at(50), ...down });
    await tracker.observe('app-b', { at: at(80), ...down }); // all down since 50 s

    // A new tracker over the same database: the restart after kill -9.
    tracker = await createTracker(db);
    await tracker.setMonitors(monitors, at(500));
    expect(tracker.status('app')).toBe('major_outage');
    let open = await listOutages(db, { componentId: 'app' });
    expect(open.map((o) => [o.impact, o.started_at.getTime(), o.ended_at?.getTime() ?? null])).toEqual([
      ['major_outage', at(50), null],
      ['partial_outage', at(10), at(50)],
    ]);

    await tracker.observe('app-a', { at: at(600), state: 'up' });
    await tracker.observe('app-a', { at: at(630), state: 'up' }); // app-a up since 600 s
    await tracker.observe('app-b', { at: at(700), state: 'up' });
    await tracker.observe('app-b', { at: at(730), state: 'up' });
    expect(tracker.status('app')).toBe('operational');
    open = await listOutages(db, { componentId: 'app' });
    expect(open.map((o) => [o.impact, o.started_at.getTime(), o.ended_at?.getTime() ?? null])).toEqual([
      ['partial_outage', at(600), at(700)],
      ['major_outage', at(50), at(600)],
      ['partial_outage', at(10), at(50)],
    ]);
    expect(open.at(-1)).toMatchObject({ monitor_id: 'app-a', failure_kind: 'refused' });
    expect(await listOutages(db, { componentId: 'api' })).toEqual([]);
  });

  it('closes an open outage at reload when its only monitor is removed', async () => {
    const tracker = await createTracker(opened.db);
    await tracker.setMonitors(monitors, at(1000));
    await tracker.observe('api-a', { at: at(1010), ...down });
    await tracker.observe('api-a', { at: at(1020), ...down });
    await tracker.setMonitors(monitors.filter((m) => m.id !== 'api-a'), at(1100));
    const [outage] = await listOutages(opened.db, { componentId: 'api' });
    expect([outage?.started_at.getTime(), outage?.ended_at?.getTime()]).toEqual([at(1010), at(1100)]);
  });
});
