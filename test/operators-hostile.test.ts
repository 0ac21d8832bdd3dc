// Issue #12: hostile requests that reached the database as 500s (integer and
// numeric overflow, a check constraint, NUL bytes) or were accepted (10 MB
// texts). Each is a 4xx naming the field, decided by the schema before any
// query, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

const TABLES = ['contracts', 'maintenance_windows', 'incidents', 'incident_updates', 'renewals', 'bugs', 'outage_annotations', 'audit_log'] as const;
const MB = 1024 * 1024;
const window = { kind: 'backup', components: ['app'], startsAt: '2031-01-01T00:00:00Z', endsAt: '2031-01-01T01:00:00Z' };
const incident = { impact: 'minor', body: 'Looking.' };

describe.each(testDatabaseKinds())('hostile input to the operators’ API on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let admin: Operator;
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: app, name: App, tier: core }\n');
    admin = await operator(t.db.db, t.daemon.url, 'root', 'admin');
    expect((await admin.post('/api/v1/contracts', { id: 'C-1', customer: 'A', annualFeeVnd: '1000', components: ['app'] })).status).toBe(201);
  });
  afterAll(() => t?.stop());

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };

  it.each<[string, string, string, unknown, string]>([
    ['an outage id past int4', 'POST', '/api/v1/incidents', { ...incident, title: 'x', outages: [2147483648] }, 'outages[0]'],
    ['a fee of zero', 'POST', '/api/v1/contracts', { id: 'C-2', customer: 'B', annualFeeVnd: '0', components: [] }, 'annualFeeVnd'],
    ['a 51-digit fee', 'POST', '/api/v1/contracts', { id: 'C-2', customer: 'B', annualFeeVnd: '1'.repeat(51), components: [] }, 'annualFeeVnd'],
    ['a 41-digit fee', 'POST', '/api/v1/contracts', { id: 'C-2', customer: 'B', annualFeeVnd: '9'.repeat(41), components: [] }, 'annualFeeVnd'],
    ['a fee change to 60 nines', 'PATCH', '/api/v1/contracts/C-1', { annualFeeVnd: '9'.repeat(60) }, 'annualFeeVnd'],
    ['a fee change to zero', 'PATCH', '/api/v1/contracts/C-1', { annualFeeVnd: '0' }, 'annualFeeVnd'],
    ['an idempotency key of NUL bytes', 'POST', '/api/v1/contracts/C-1/renewals', { idempotencyKey: '\u0000'.repeat(16) }, 'idempotencyKey'],
    ['an audit cursor past bigint', 'GET', `/api/v1/audit?before=${'9'.repeat(30)}`, undefined, 'before'],
    ['a customer with a NUL', 'POST', '/api/v1/contracts', { id: 'C-3', customer: 'Acme\u0000', annualFeeVnd: '1', components: [] }, 'customer'],
    ['an incident title with a NUL', 'POST', '/api/v1/incidents', { ...incident, title: 'Down\u0000' }, 'title'],
    ['an incident title with an escape character', 'POST', '/api/v1/incidents', { ...incident, title: 'Down\u001b[31m' }, 'title'],
    ['an incident body with a NUL', 'POST', '/api/v1/incidents', { ...incident, title: 'Down', body: 'a\u0000b' }, 'body'],
    ['an incident title of 201 characters', 'POST', '/api/v1/incidents', { ...incident, title: 'x'.repeat(201) }, 'title'],
    ['an incident body of 10,001 characters', 'POST', '/api/v1/incidents', { ...incident, title: 'Down', body: 'x'.repeat(10_001) }, 'body'],
    ['a maintenance description of 10,001 characters', 'POST', '/api/v1/maintenance', { ...window, title: 'Backup', description: 'x'.repeat(10_001) }, 'description'],
    ['a maintenance title with a NUL', 'POST', '/api/v1/maintenance', { ...window, title: '\u0000' }, 'title'],
    ['a bug title of 201 characters', 'POST', '/api/v1/bugs', { contract: 'C-1', title: 'x'.repeat(201) }, 'title'],
    ['a rejection reason with a NUL', 'POST', '/api/v1/ledger/1/reject', { reason: 'no\u0000' }, 'reason'],
    ['an annotation of 10,001 characters', 'POST', '/api/v1/outages/1/annotations', { body: 'x'.repeat(10_001) }, 'body'],
    ['an audit entity with a NUL', 'GET', '/api/v1/audit?entity=%00', undefined, 'entity'],
    ['an outages component with a NUL (public)', 'GET', '/api/v1/outages?component=%00', undefined, 'component'],
  ])('%s (%s %s): 400 naming the field, nothing written', async (_name, method, path, body, field) => {
    const before = await counts();
    const response = await admin.call(method, path, body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.some((d: string) => d.startsWith(`${field}:`))).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it.each<[string, string, unknown]>([
    ['a 10 MB incident body', '/api/v1/incidents', { ...incident, title: 'Down', body: 'x'.repeat(10 * MB) }],
    ['a 10 MB maintenance description', '/api/v1/maintenance', { ...window, title: 'Backup', description: 'x'.repeat(10 * MB) }],
    ['a body just over 1 MB', '/api/v1/incidents', { ...incident, title: 'Down', body: 'x'.repeat(MB) }],
  ])('%s: 413 with a JSON reason, nothing written', async (_name, path, body) => {
    const before = await counts();
    const response = await admin.post(path, body);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    expect(response.body.error.message).toMatch(/1 MB/);
    expect(await counts()).toEqual(before);
  });

  it('the longest texts allowed are still accepted', async () => {
    expect((await admin.post('/api/v1/incidents', { ...incident, title: 'x'.repeat(200), body: 'Line one\n\tLine two\r\n'.padEnd(10_000, 'x') })).status).toBe(201);
    expect((await admin.post('/api/v1/contracts', { id: 'C-9', customer: 'Big', annualFeeVnd: '9'.repeat(40), components: [] })).status).toBe(201);
  });
});
