// The 8 public Statuspage v2 endpoints against a schema written from
// Statuspage's field list (shared/src/public-api/statuspage.ts), and what they
// say about seeded components, maintenance and incidents.
import { INCIDENT_IMPACTS as SHARED_IMPACTS, INCIDENT_STATUSES as SHARED_STATUSES, STATUSPAGE_ENDPOINTS, type StatuspagePath } from '@sla/shared/public-api/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES } from '../daemon/src/incidents/incident.table.ts';
import { seedIncident, seedWindow } from '../daemon/src/public/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const yaml = `
components:
  - { id: api, name: Public API, group: Nền tảng, tier: core }
  - { id: web, name: Web app, group: Nền tảng, tier: core }
  - { id: docs, name: Docs, tier: feature, description: Manuals }
`;

const HOUR = 3_600_000;
const paths = Object.keys(STATUSPAGE_ENDPOINTS) as StatuspagePath[];

describe.each(testDatabaseKinds())('Statuspage v2 endpoints on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  const bodies = new Map<StatuspagePath, any>();
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml);
    const db = t.db.db;
    const now = Date.now();
    const at = (hours: number) => new Date(now + hours * HOUR);
    ids.active = await seedWindow(db, { kind: 'backup', title: 'Nightly backup', startsAt: at(-1), endsAt: at(1), components: ['web'] });
    ids.upcoming = await seedWindow(db, { kind: 'infrastructure', title: 'Database upgrade', description: 'PostgreSQL 15 to 16', startsAt: at(48), endsAt: at(50), components: ['api', 'web'], notices: [at(-2)] });
    ids.completed = await seedWindow(db, { kind: 'minor_update', title: 'Docs refresh', startsAt: at(-30), endsAt: at(-29), components: ['docs'], notices: [at(-40)] });
    ids.cancelled = await seedWindow(db, { kind: 'infrastructure', title: 'Withdrawn work', startsAt: at(24), endsAt: at(25), components: ['api'], cancelledAt: at(-1) });
    ids.resolved = await seedIncident(db, {
      title: 'Slow exports',
      status: 'resolved',
      impact: 'minor',
      createdAt: at(-10),
      components: ['docs'],
      updates: [
        { status: 'investigating', body: 'Exports are slow.', at: at(-10) },
        { status: 'resolved', body: 'Fixed.', at: at(-9), affected: [{ code: 'docs', name: 'Docs', old_status: 'degraded_performance', new_status: 'operational' }] },
      ],
    });
    ids.open = await seedIncident(db, {
      title: 'API errors',
      status: 'identified',
      impact: 'major',
      createdAt: at(-0.5),
      components: ['api'],
      updates: [
        { status: 'investigating', body: 'Elevated error rates.', at: at(-0.5) },
        { status: 'identified', body: 'A bad deploy; rolling back.', at: at(-0.25) },
      ],
    });
    for (const path of paths) {
      const response = await fetch(`${t.daemon.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
      bodies.set(path, await response.json());
    }
  });
  afterAll(() => t?.stop());

  it.each(paths)('%s matches Statuspage’s schema exactly', (path) => {
    const parsed = STATUSPAGE_ENDPOINTS[path].safeParse(bodies.get(path));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('names the page and where it lives', () => {
    expect(bodies.get('/api/v2/status.json').page).toEqual({ id: 'sla-ledger', name: 'Service status', url: t.daemon.url, time_zone: 'Asia/Ho_Chi_Minh', updated_at: expect.any(String) });
  });

  it('components.json: groups as synthetic components with their children’s ids, maintenance shown on the component', () => {
    const components = bodies.get('/api/v2/components.json').components;
    const byId = new Map(components.map((c: any) => [c.id, c]));
    expect(byId.get('group-nen-tang')).toMatchObject({ name: 'Nền tảng', group: true, group_id: null, components: ['api', 'web'], status: 'under_maintenance', position: 1 });
    expect(byId.get('api')).toMatchObject({ group: false, group_id: 'group-nen-tang', status: 'operational', position: 1 });
    expect(byId.get('web')).toMatchObject({ group_id: 'group-nen-tang', status: 'under_maintenance', position: 2 });
    expect(byId.get('docs')).toMatchObject({ group_id: null, description: 'Manuals', position: 2 });
    expect(components.filter((c: any) => 'components' in c).map((c: any) => c.id)).toEqual(['group-nen-tang']);
  });

  it('status.json: the worse of components (maintenance: minor) and unresolved incidents (major)', () => {
    expect(bodies.get('/api/v2/status.json').status).toEqual({ indicator: 'major', description: 'Partial outage' });
  });

  it('incidents.json has every incident newest first; unresolved.json only the open one, with its updates newest first', () => {
    expect(bodies.get('/api/v2/incidents.json').incidents.map((i: any) => i.id)).toEqual([`inc-${ids.open}`, `inc-${ids.resolved}`]);
    const [open] = bodies.get('/api/v2/incidents/unresolved.json').incidents;
    expect(bodies.get('/api/v2/incidents/unresolved.json').incidents).toHaveLength(1);
    expect(open).toMatchObject({ name: 'API errors', status: 'identified', impact: 'major', resolved_at: null, shortlink: `${t.daemon.url}/incidents/${ids.open}` });
    expect(open.incident_updates.map((u: any) => [u.status, u.body])).toEqual([
      ['identified', 'A bad deploy; rolling back.'],
      ['investigating', 'Elevated error rates.'],
    ]);
    expect(open.components.map((c: any) => c.id)).toEqual(['api']);
    const resolved = bodies.get('/api/v2/incidents.json').incidents[1];
    expect(resolved.incident_updates[0].affected_components).toEqual([{ code: 'docs', name: 'Docs', old_status: 'degraded_performance', new_status: 'operational' }]);
    expect(resolved.resolved_at).not.toBeNull();
  });

  it('scheduled maintenances: cancelled ones withdrawn, each with Statuspage’s status for where it stands', () => {
    const all = bodies.get('/api/v2/scheduled-maintenances.json').scheduled_maintenances;
    expect(all.map((m: any) => [m.id, m.status])).toEqual([
      [`mnt-${ids.upcoming}`, 'scheduled'],
      [`mnt-${ids.active}`, 'in_progress'],
      [`mnt-${ids.completed}`, 'completed'],
    ]);
    expect(bodies.get('/api/v2/scheduled-maintenances/upcoming.json').scheduled_maintenances.map((m: any) => m.id)).toEqual([`mnt-${ids.upcoming}`]);
    const [active] = bodies.get('/api/v2/scheduled-maintenances/active.json').scheduled_maintenances;
    expect(bodies.get('/api/v2/scheduled-maintenances/active.json').scheduled_maintenances).toHaveLength(1);
    expect(active).toMatchObject({ id: `mnt-${ids.active}`, impact: 'maintenance', status: 'in_progress', resolved_at: null });
    expect(active.incident_updates[0]).toMatchObject({ status: 'in_progress', affected_components: [{ code: 'web', name: 'Web app', old_status: 'operational', new_status: 'under_maintenance' }] });
    const completed = all[2];
    expect(completed.incident_updates.map((u: any) => u.status)).toEqual(['completed', 'in_progress', 'scheduled']);
    expect(completed.resolved_at).toBe(completed.scheduled_until);
  });

  it('summary.json: components, unresolved incidents, and maintenance upcoming or in progress', () => {
    const summary = bodies.get('/api/v2/summary.json');
    expect(Object.keys(summary)).toEqual(['page', 'status', 'components', 'incidents', 'scheduled_maintenances']);
    expect(summary.incidents.map((i: any) => i.id)).toEqual([`inc-${ids.open}`]);
    expect(summary.scheduled_maintenances.map((m: any) => m.id)).toEqual([`mnt-${ids.active}`, `mnt-${ids.upcoming}`]);
    expect(summary.components).toEqual(bodies.get('/api/v2/components.json').components);
  });

  it('answers a repeat request with 304 from its ETag, and says how long it may be cached', async () => {
    const first = await fetch(`${t.daemon.url}/api/v2/summary.json`);
    await first.arrayBuffer();
    expect(first.headers.get('cache-control')).toBe('public, max-age=1');
    expect(first.headers.get('last-modified')).toMatch(/GMT$/);
    const again = await fetch(`${t.daemon.url}/api/v2/summary.json`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});

describe('closed sets', () => {
  it('the incidents table and the public API speak the same statuses and impacts', () => {
    expect(SHARED_STATUSES).toEqual(INCIDENT_STATUSES);
    expect(SHARED_IMPACTS).toEqual(INCIDENT_IMPACTS);
  });
});
