// Issue #12: failed token authentications and the operators' API are
// rate-limited per client address; the public surfaces are not. The limits
// are hit without time passing (the refill is tested on an injected clock in
// daemon/src/server/rate-limit.test.ts). Clients on 127.0.0.x addresses of
// their own are separate clients.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

function get(base: string, path: string, from: string, token?: string): Promise<{ status: number; retryAfter: string | undefined; body: any }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    const req = request(`${base}${path}`, { headers, localAddress: from, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(testDatabaseKinds())('rate limits on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let admin: Operator;
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'server: { rateLimit: { authFailuresPerMinute: 3, operatorRequestsPerMinute: 20 } }\ncomponents:\n  - { id: app, name: App, tier: core }\n');
    admin = await operator(t.db.db, t.daemon.url, 'root', 'admin');
  });
  afterAll(() => t?.stop());

  it('a client whose tokens keep failing gets 429 with Retry-After, even with a good token; others do not', async () => {
    const from = '127.0.0.2';
    for (let i = 0; i < 3; i++) expect((await get(t.daemon.url, '/api/v1/contracts', from, `guess-${i}`)).status).toBe(401);
    const refused = await get(t.daemon.url, '/api/v1/contracts', from, 'guess-4');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body.error.code).toBe('too_many_requests');
    expect(refused.body.error.message).toMatch(/failed/);
    expect((await get(t.daemon.url, '/api/v1/contracts', from, admin.token)).status).toBe(429);
    // No token at all counts as a failure too, and so does /metrics' own bearer check.
    expect((await get(t.daemon.url, '/api/v1/ledger', from)).status).toBe(429);
    // The public side is not the sign-in path.
    expect((await get(t.daemon.url, '/api/v2/summary.json', from)).status).toBe(200);
    expect((await get(t.daemon.url, '/api/v1/components', from)).status).toBe(200);
    // Another address is another client.
    expect((await get(t.daemon.url, '/api/v1/contracts', '127.0.0.3', admin.token)).status).toBe(200);
  });

  it('the operators’ API allows operatorRequestsPerMinute per client, then 429', async () => {
    const from = '127.0.0.4';
    for (let i = 0; i < 20; i++) expect((await get(t.daemon.url, '/api/v1/contracts', from, admin.token)).status).toBe(200);
    const refused = await get(t.daemon.url, '/api/v1/audit', from, admin.token);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await get(t.daemon.url, '/api/v1/public/overview', from)).status).toBe(200);
    expect((await get(t.daemon.url, '/api/v1/outages', from)).status).toBe(200);
    expect((await get(t.daemon.url, '/api/v1/contracts', '127.0.0.5', admin.token)).status).toBe(200);
  });
});
