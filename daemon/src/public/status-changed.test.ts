// Issue #19: a component's public status changes also when the tracker turns
// its open outage worse in place (a worse state confirmed from a streak older
// than the outage, tracker.ts settle): Statuspage's `updated_at` follows it.
import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { createTracker } from '../detection/tracker.ts';
import { listOutages } from '../outages/outage.repository.ts';
import { createPublicReadModel } from './read-model.ts';
import { statusChangedAt } from './status-changed.ts';
import { statuspageView } from './statuspage.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (s: number) => T0 + s * 1000;
const parsed = parseConfig(
  `
components:
  - { id: app, name: App, tier: core }
monitors:
  - { id: app-a, component: app, kind: tcp, target: "127.0.0.1:1" }
  - { id: app-b, component: app, kind: tcp, target: "127.0.0.1:2" }
`,
  'test.yaml',
);
if (!parsed.ok) throw new Error('test config invalid');
const config = parsed.config;
const down = { state: 'down' as const, failure: { kind: 'refused', message: 'connection refused' } };

describe.each(testDatabaseKinds())('statusChangedAt through the tracker on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(opened.db, config, new Date(T0));
  });
  afterAll(() => opened?.close());

  it('moves when an open outage turns worse in place, to the instant the tracker changed it on its clock', async () => {
    let clock = T0;
    const tracker = await createTracker(opened.db, { now: () => clock });
    await tracker.setMonitors(config.monitors.map((m) => ({ id: m.id, componentId: m.component, thresholds: { failuresToOpen: 2, successesToClose: 2 } })), T0);
    const observe = async (monitor: string, probedAt: number) => {
      clock = probedAt + 1000; // the tracker's clock runs a second behind the probe it is given
      await tracker.observe(monitor, { at: probedAt, ...down });
    };
    await observe('app-b', at(5)); // one failure: not yet confirmed
    await observe('app-a', at(10));
    await observe('app-a', at(20)); // app-a down since 10 s: partial outage
    expect(tracker.status('app')).toBe('partial_outage');
    expect((await statusChangedAt(opened.db, at(25))).get('app')).toEqual(new Date(at(10)));

    await observe('app-b', at(30)); // app-b down since 5 s, before the outage began: it turns major in place
    expect(tracker.status('app')).toBe('major_outage');
    const outages = await listOutages(opened.db, { componentId: 'app' });
    expect(outages.map((o) => [o.impact, o.started_at.getTime(), o.ended_at])).toEqual([['major_outage', at(10), null]]);
    expect((await statusChangedAt(opened.db, at(40))).get('app')).toEqual(new Date(at(31)));
    // Not before it happened.
    expect((await statusChangedAt(opened.db, at(30))).get('app')).toEqual(new Date(at(10)));
    // What a Statuspage client reads: the component's updated_at, and the page's.
    const view = await statuspageView(createPublicReadModel({ db: opened.db, liveStatus: tracker.status, now: () => at(40), policy: () => config.policy }), 'http://status.test');
    expect(view.byId.get('app')).toMatchObject({ status: 'major_outage', updated_at: new Date(at(31)).toISOString() });
    expect(view.page.updated_at).toBe(new Date(at(31)).toISOString());
  });
});
