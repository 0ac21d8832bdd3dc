import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from './support/http.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const yaml = `
components:
  - { id: app, name: Application, group: Web, tier: core, description: The app }
  - { id: docs, name: Docs, tier: feature }
contracts:
  - { id: c-secret, customer: "Secret Customer JSC", annualFeeVnd: "987654321", components: [app] }
`;

describe.each(testDatabaseKinds())('public read API on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  const get = (path: string) => fetch(`${t.daemon.url}${path}`);
  const api = (path: string) => getJson(`${t.daemon.url}${path}`);
  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml);
    await t.db.db
      .insertInto('outages')
      .values([
        { component_id: 'app', impact: 'major_outage', started_at: new Date('2026-05-01T00:00:00Z'), ended_at: new Date('2026-05-01T02:00:00Z'), monitor_id: 'x', failure_kind: 'timeout', failure_message: 'connect to 10.1.2.3:443 timed out' },
        { component_id: 'docs', impact: 'degraded', started_at: new Date('2026-05-03T00:00:00Z'), ended_at: null },
      ])
      .execute();
  });
  afterAll(() => t?.stop());

  it('GET /api/v1/components lists components in config order with status', async () => {
    expect(await api('/api/v1/components')).toEqual({
      components: [
        { id: 'app', name: 'Application', group: 'Web', tier: 'core', description: 'The app', status: 'operational' },
        { id: 'docs', name: 'Docs', group: null, tier: 'feature', description: null, status: 'operational' },
      ],
    });
  });

  it('GET /api/v1/outages filters by component and overlap with [from, to), without internal failure messages', async () => {
    const all = (await api('/api/v1/outages')).outages;
    expect(all.map((o: { component: string }) => o.component)).toEqual(['docs', 'app']);
    expect(JSON.stringify(all)).not.toContain('10.1.2.3');
    const app = (await api('/api/v1/outages?component=app')).outages;
    expect(app).toEqual([{ id: expect.any(Number), source: 'probe', component: 'app', impact: 'major_outage', startedAt: '2026-05-01T00:00:00.000Z', endedAt: '2026-05-01T02:00:00.000Z', firstFailure: 'timeout' }]);
    const window = async (from: string, to: string) => (await api(`/api/v1/outages?from=${from}&to=${to}`)).outages.map((o: { component: string }) => o.component);
    expect(await window('2026-05-01T01:00:00Z', '2026-05-01T01:30:00Z')).toEqual(['app']);
    expect(await window('2026-05-01T02:00:00Z', '2026-05-02T00:00:00Z')).toEqual([]); // half-open: ended exactly at from
    expect(await window('2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z')).toEqual(['docs']); // still open
  });

  it.each([
    ['/api/v1/outages?from=yesterday', ['from: must be an ISO-8601 instant with an offset or Z']],
    ['/api/v1/outages?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z', ['to: must be after from']],
    ['/api/v1/outages?limit=0', ['limit: must be at least 1']],
    ['/api/v1/outages?colour=red', ['colour: unknown key']],
  ])('GET %s → 400 with the reason', async (path, details) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'bad_request', message: 'invalid query', details } });
  });

  it('GET /healthz reports the database and scheduler', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: true, scheduler: true });
  });

  it('GET /api/v2/summary.json has Statuspage’s shape and the worst status as indicator', async () => {
    const body = await api('/api/v2/summary.json');
    expect(Object.keys(body)).toEqual(['page', 'status', 'components', 'incidents', 'scheduled_maintenances']);
    expect(Object.keys(body.page)).toEqual(['id', 'name', 'url', 'time_zone', 'updated_at']);
    expect(body.status).toEqual({ indicator: 'none', description: 'All systems operational' }); // the page's own words (issue #19)
    expect(body.components[0]).toMatchObject({ id: 'app', name: 'Application', status: 'operational', position: 1, group: false, only_show_if_degraded: false });
  });

  it('shows no customer, contract or fee on any public response', async () => {
    for (const path of ['/api/v1/components', '/api/v1/outages', '/api/v2/summary.json', '/metrics', '/healthz']) {
      const text = await (await get(path)).text();
      for (const secret of ['Secret Customer', 'c-secret', '987654321']) expect(text, `${path} leaks ${secret}`).not.toContain(secret);
    }
  });

  // Last: the window stays (the public caches keep what they saw).
  it('GET /api/v1/components shows under_maintenance where the status page does: operational inside an active window', async () => {
    const { id } = await t.db.db
      .insertInto('maintenance_windows')
      .values({ kind: 'backup', title: 'Backup', starts_at: new Date(Date.now() - 60_000), ends_at: new Date(Date.now() + 3_600_000), created_by: 'ops', updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.db.insertInto('maintenance_components').values({ window_id: id, component_id: 'docs' }).execute();
    const statuses = (await api('/api/v1/components')).components.map((c: { id: string; status: string }) => [c.id, c.status]);
    expect(statuses).toEqual([['app', 'operational'], ['docs', 'under_maintenance']]);
    // The Statuspage JSON is rendered at most once a second (page-cache.ts): the next render shows the window.
    const summaryStatuses = async () =>
      (await api('/api/v2/summary.json')).components.filter((c: { id: string }) => c.id === 'app' || c.id === 'docs').map((c: { id: string; status: string }) => [c.id, c.status]);
    const same = await waitFor('the window in summary.json', async () => {
      const found = await summaryStatuses();
      return JSON.stringify(found) === JSON.stringify(statuses) ? found : undefined;
    }, 5_000).catch(summaryStatuses);
    expect(same).toEqual(statuses);
  });
});
