// Issue #12 (Host header): the page caches and every absolute link come from
// server.publicUrl, never from the request's Host; and ?page= past the last
// page neither renders nor caches anything new.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { seedIncident, seedWindow } from '../daemon/src/public/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const PUBLIC_URL = 'https://status.vendor.example';

/** A GET with the Host we choose (fetch will not send one of its own choosing). */
function getWithHost(base: string, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const FEEDS = ['/api/v2/summary.json', '/api/v2/incidents.json', '/api/v2/scheduled-maintenances.json', '/history.atom', '/history.rss?lang=en', '/maintenance.ics'];

describe.each(testDatabaseKinds())('Host header and ?page= on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  const now = Date.now();
  const incident = (title: string, at: number) =>
    seedIncident(t.db.db, { title, status: 'resolved', impact: 'minor', createdAt: new Date(at), components: ['api'], updates: [{ status: 'resolved', body: 'Done.', at: new Date(at) }] });

  beforeAll(async () => {
    t = await startTestDaemon(kind, `server: { publicUrl: "${PUBLIC_URL}" }\ncomponents:\n  - { id: api, name: Public API, tier: core }\n`, { statusSite: true });
    await incident('First incident', now - 3_600_000);
    await seedWindow(t.db.db, { kind: 'backup', title: 'Backup', startsAt: new Date(now + 3_600_000), endsAt: new Date(now + 7_200_000), components: ['api'], createdAt: new Date(now - 60_000) });
  });
  afterAll(() => t?.stop());

  it.each(FEEDS)('%s with a hostile Host links only to server.publicUrl', async (path) => {
    const { status, body } = await getWithHost(t.daemon.url, path, 'evil.example');
    expect(status).toBe(200);
    expect(body).not.toContain('evil.example');
    expect(body).toContain(PUBLIC_URL.replace('https://', ''));
  });

  // Each asks twice within the page cache's second: on the daemon's clock, held still, however slow the machine.
  it.each(FEEDS)('%s: a second Host is the same cached render, byte for byte', (path) =>
    t.clock.hold(async () => {
      const first = await getWithHost(t.daemon.url, path, 'a.example');
      // Had the second Host been a miss, its render would show this incident too.
      const title = `Later incident ${path}`;
      await incident(title, now - 60_000);
      const second = await getWithHost(t.daemon.url, path, 'b.example');
      expect(first.status).toBe(200);
      expect(second.body).toBe(first.body);
      expect(second.body).not.toContain(title);
    }),
  );

  const renders = async () => {
    const metrics = await (await fetch(`${t.daemon.url}/metrics`)).text();
    return Number(/^sla_status_page_render_duration_seconds_count\{outcome="ok"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
  };

  it.each(['/incidents', '/maintenance'])('%s?page= past the last page is the last page, rendered once', (path) =>
    t.clock.hold(async () => {
      const last = await (await fetch(`${t.daemon.url}${path}?lang=en`)).text();
      const before = await renders();
      for (const page of [2, 3, 50, 999_999]) {
        const response = await fetch(`${t.daemon.url}${path}?lang=en&page=${page}`);
        expect(response.status).toBe(200);
        expect(await response.text()).toBe(last);
      }
      expect(await renders()).toBe(before);
    }),
  );
});
