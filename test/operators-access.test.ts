import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../daemon/src/auth/roles.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { createApp } from '../daemon/src/server/app.ts';
import type { ServerDeps } from '../daemon/src/server/deps.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

/** Every write route and the least role it needs (issue #4: viewer < operator < approver < admin). */
const WRITES: Array<[method: string, path: string, role: Role]> = [
  ['POST', '/api/v1/contracts', 'operator'],
  ['PATCH', '/api/v1/contracts/:id', 'operator'],
  ['POST', '/api/v1/contracts/:id/states', 'operator'],
  ['POST', '/api/v1/contracts/:id/contacts', 'operator'],
  ['POST', '/api/v1/contracts/:id/contacts/remove', 'operator'],
  ['POST', '/api/v1/contracts/:id/renewals', 'approver'],
  ['POST', '/api/v1/maintenance', 'operator'],
  ['POST', '/api/v1/maintenance/:id/notices', 'operator'],
  ['POST', '/api/v1/maintenance/:id/cancel', 'operator'],
  ['POST', '/api/v1/maintenance/:id/exceptions', 'operator'],
  ['POST', '/api/v1/force-majeure', 'operator'],
  ['POST', '/api/v1/force-majeure/:id/approve', 'approver'],
  ['POST', '/api/v1/force-majeure/:id/withdraw', 'operator'],
  ['POST', '/api/v1/bugs', 'operator'],
  ['POST', '/api/v1/bugs/:id/occurrences', 'operator'],
  ['POST', '/api/v1/bugs/:id/occurrences/:occurrence/fix', 'operator'],
  ['POST', '/api/v1/tickets', 'operator'],
  ['PATCH', '/api/v1/tickets/:id', 'operator'],
  ['POST', '/api/v1/breaches', 'operator'],
  ['POST', '/api/v1/breaches/:id/approve', 'approver'],
  ['POST', '/api/v1/outages', 'operator'],
  ['POST', '/api/v1/outages/:id/withdraw', 'operator'],
  ['POST', '/api/v1/outages/:id/withdraw/approve', 'approver'],
  ['POST', '/api/v1/facts/import', 'admin'],
  ['POST', '/api/v1/outages/:id/class', 'operator'],
  ['POST', '/api/v1/outages/:id/annotations', 'operator'],
  // A confirmed suspect period is an outage whose credits an approver still approves (issue #14).
  ['POST', '/api/v1/suspect-periods/:id/decision', 'operator'],
  ['POST', '/api/v1/incidents', 'operator'],
  ['POST', '/api/v1/incidents/:id/updates', 'operator'],
  ['POST', '/api/v1/security-notices', 'operator'],
  // Issue #15, SLA §C.5: an approved apology is mailed to the customer's contacts.
  ['PATCH', '/api/v1/apologies/:id', 'operator'],
  ['POST', '/api/v1/apologies/:id/approve', 'approver'],
  ['POST', '/api/v1/ledger/:id/approve', 'approver'],
  ['POST', '/api/v1/ledger/:id/reject', 'approver'],
];

/** Writes that take no token (issue #15): a subscription request, and the unsubscribe link's POST. */
const PUBLIC_WRITES = ['POST /api/v1/public/subscriptions', 'POST /subscriptions/unsubscribe'];

describe('operators’ API access', () => {
  it('the table above names every write route the app has', () => {
    // Registering routes only captures deps; nothing is called.
    const app = createApp({} as ServerDeps);
    const writes = app.routes.filter((r) => !['GET', 'HEAD', 'OPTIONS', 'ALL'].includes(r.method)).map((r) => `${r.method} ${r.path}`);
    expect(new Set(writes)).toEqual(new Set([...WRITES.map(([m, p]) => `${m} ${p}`), ...PUBLIC_WRITES]));
  });
});

describe.each(testDatabaseKinds())('every write route against every role on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  const as: Partial<Record<Role, Operator>> = {};
  beforeAll(async () => {
    // Every route is tried without a token from one address: above the sign-in limit (issue #12), tested on its own in operators-rate-limit.test.ts.
    t = await startTestDaemon(kind, 'server: { rateLimit: { authFailuresPerMinute: 10000 } }\ncomponents:\n  - { id: app, name: App, tier: core }\n');
    for (const role of ROLES) as[role] = await operator(t.db.db, t.daemon.url, `${role}-1`, role);
  });
  afterAll(() => t?.stop());

  it.each(WRITES)('%s %s needs %s', async (method, template, needed) => {
    const path = template.replace(':occurrence', '1').replace(':id', '999999');
    const anonymous = await fetch(`${t.daemon.url}${path}`, { method, body: '{}', headers: { 'content-type': 'application/json' } });
    expect(anonymous.status).toBe(401);
    for (const role of ROLES) {
      const { status, body } = await as[role]!.call(method, path, {});
      if (ROLES.indexOf(role) < ROLES.indexOf(needed)) {
        expect(status, `${role} on ${method} ${path}`).toBe(403);
        expect(body.error.message).toContain(`needs the ${needed} role`);
      } else {
        // Allowed through: what is left is about the (empty) input or the missing entity.
        expect([400, 404], `${role} on ${method} ${path}: ${JSON.stringify(body)}`).toContain(status);
      }
    }
  });

  it('a revoked or unknown token is refused', async () => {
    const response = await fetch(`${t.daemon.url}/api/v1/ledger`, { headers: { authorization: 'Bearer sla_not-a-token' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).error.message).toBe('unknown or revoked token');
  });

  it('private reads need a token: contracts, ledger, audit are not public', async () => {
    for (const path of ['/api/v1/contracts', '/api/v1/ledger', '/api/v1/audit', '/api/v1/contracts/x/case'])
      expect((await fetch(`${t.daemon.url}${path}`)).status, path).toBe(401);
  });
});
