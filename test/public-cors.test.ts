// Issue #12 (CORS): every public GET may be read from any origin, as
// Statuspage's public API allows; the operators' API and /metrics never say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { seedIncident, seedWindow } from '../daemon/src/public/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

const ORIGIN = 'https://intranet.customer.example';

const PUBLIC_GETS = [
  '/api/v2/summary.json',
  '/api/v2/status.json',
  '/api/v2/components.json',
  '/api/v2/incidents.json',
  '/api/v2/incidents/unresolved.json',
  '/api/v2/scheduled-maintenances.json',
  '/api/v1/public/overview',
  '/api/v1/public/incidents',
  '/api/v1/public/maintenance',
  '/api/v1/components',
  '/api/v1/outages',
  '/badge/api/status.svg',
  '/badge/api/uptime-30d.svg',
  '/history.atom',
  '/history.rss?lang=en',
  '/maintenance.ics',
];

const PRIVATE = ['/api/v1/contracts', '/api/v1/ledger', '/api/v1/audit', '/metrics'];

describe.each(testDatabaseKinds())('CORS on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let admin: Operator;
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: api, name: Public API, tier: core }\n', { statusSite: true });
    admin = await operator(t.db.db, t.daemon.url, 'root', 'admin');
    const now = Date.now();
    await seedIncident(t.db.db, { title: 'Slow logins', status: 'investigating', impact: 'minor', createdAt: new Date(now - 60_000), components: ['api'], updates: [{ status: 'investigating', body: 'Looking.', at: new Date(now - 60_000) }] });
    await seedWindow(t.db.db, { kind: 'backup', title: 'Backup', startsAt: new Date(now + 3_600_000), endsAt: new Date(now + 7_200_000), components: ['api'], createdAt: new Date(now - 60_000) });
  });
  afterAll(() => t?.stop());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.daemon.url}${path}`, { headers: { origin: ORIGIN, ...headers } });

  it.each(PUBLIC_GETS)('GET %s allows any origin, on a render and from the cache', async (path) => {
    for (let i = 0; i < 2; i++) {
      const response = await get(path);
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    const head = await fetch(`${t.daemon.url}${path}`, { method: 'HEAD', headers: { origin: ORIGIN } });
    expect(head.headers.get('access-control-allow-origin')).toBe('*');
  });

  it.each(PUBLIC_GETS)('a preflight OPTIONS %s is answered 204 for GET and HEAD', async (path) => {
    const response = await fetch(`${t.daemon.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')?.split(',').map((m) => m.trim())).toEqual(expect.arrayContaining(['GET', 'HEAD']));
    expect(response.headers.get('access-control-allow-methods')).not.toMatch(/POST|PATCH|DELETE|PUT/);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-none-match');
  });

  it.each(PRIVATE)('GET %s (operators, metrics) never allows another origin', async (path) => {
    const response = await fetch(`${t.daemon.url}${path}`, { headers: { origin: ORIGIN, authorization: `Bearer ${admin.token}` } });
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${t.daemon.url}${path}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    await preflight.arrayBuffer();
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an operators’ write sends no CORS header either', async () => {
    const response = await fetch(`${t.daemon.url}/api/v1/contracts`, {
      method: 'POST',
      headers: { origin: ORIGIN, authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'C-1', customer: 'Acme', annualFeeVnd: '1000', components: ['api'] }),
    });
    await response.arrayBuffer();
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the status page’s HTML is not a cross-origin API', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await get('/');
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});
