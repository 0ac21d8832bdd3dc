// Issue #19: what a running daemon answers matches /api/openapi.json as it
// serves it — a few endpoints of every group, successes and refusals — checked
// with Ajv against the document's own schemas, not by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { responseValidator, type ResponseValidator } from './support/openapi-validator.ts';
import { operator, type Call, type Operator } from './support/operator-client.ts';

const yaml = `
components:
  - { id: app, name: Application, tier: core }
  - { id: docs, name: Docs, tier: feature }
`;

describe.each(testDatabaseKinds())('real responses against the served document on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  let boss: Operator;
  let boss2: Operator;
  let validate: ResponseValidator;
  const problems: string[] = [];
  /** The call's answer, checked against `METHOD template`'s declared response for its status. */
  const checked = async (method: string, template: string, call: Promise<Call>, status: number) => {
    const answer = await call;
    problems.push(...validate(method, template, answer.status, answer.body));
    expect(answer.status, `${method} ${template}: ${JSON.stringify(answer.body)}`).toBe(status);
    return answer.body;
  };

  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml);
    ops = await operator(t.db.db, t.daemon.url, 'ops', 'operator');
    boss = await operator(t.db.db, t.daemon.url, 'boss', 'approver');
    boss2 = await operator(t.db.db, t.daemon.url, 'boss-2', 'approver');
    validate = responseValidator(await (await fetch(`${t.daemon.url}/api/openapi.json`)).json());
    // A very critical outage (core, major, 3 h) before the contract exists: creating it proposes a credit.
    await t.db.db
      .insertInto('outages')
      .values({ component_id: 'app', impact: 'major_outage', started_at: new Date('2026-11-01T00:00:00Z'), ended_at: new Date('2026-11-01T03:00:00Z'), monitor_id: 'x', failure_kind: 'timeout', failure_message: 'internal' })
      .execute();
    await t.db.db.insertInto('suspect_periods').values({ monitor_id: 'x', component_id: 'docs', started_at: new Date('2026-11-02T00:00:00Z'), ended_at: new Date('2026-11-02T00:05:00Z'), failure_kind: 'timeout', failure_message: 'cut off' }).execute();
  });
  afterAll(() => t?.stop());

  it('contracts, contacts, statements and the case file', async () => {
    const contract = { id: 'C-1', customer: 'Khách hàng A', annualFeeVnd: '5256000000', components: ['app'], states: [{ state: 'active', from: '2025-01-01T00:00:00+07:00' }] };
    await checked('POST', '/api/v1/contracts', ops.post('/api/v1/contracts', contract), 201);
    await checked('POST', '/api/v1/contracts', ops.post('/api/v1/contracts', contract), 409);
    await checked('GET', '/api/v1/contracts', boss.get('/api/v1/contracts'), 200);
    await checked('PATCH', '/api/v1/contracts/{id}', ops.patch('/api/v1/contracts/C-1', { licenseExpiresAt: '2027-12-31T17:00:00Z' }), 200);
    await checked('POST', '/api/v1/contracts/{id}/states', ops.post('/api/v1/contracts/C-1/states', { state: 'paused', effectiveAt: '2027-06-01T00:00:00Z' }), 201);
    const shown = await checked('GET', '/api/v1/contracts/{id}', boss.get('/api/v1/contracts/C-1'), 200);
    expect(shown.annualFeeVnd).toBe('5256000000');
    await checked('GET', '/api/v1/contracts/{id}', boss.get('/api/v1/contracts/nope'), 404);
    await checked('POST', '/api/v1/contracts/{id}/contacts', ops.post('/api/v1/contracts/C-1/contacts', { email: 'it@example.com' }), 200);
    await checked('GET', '/api/v1/contracts/{id}/contacts', boss.get('/api/v1/contracts/C-1/contacts'), 200);
    await checked('GET', '/api/v1/contracts/{id}/case', boss.get('/api/v1/contracts/C-1/case'), 200);
    const statement = await checked('GET', '/api/v1/contracts/{id}/statement', boss.get('/api/v1/contracts/C-1/statement'), 200);
    expect(statement.contracts[0].credits.map((l: { source: string }) => l.source)).toEqual(['outage']);
    await checked('GET', '/api/v1/contracts/{id}/statement', boss.get('/api/v1/contracts/C-1/statement?from=2026-01-01T00:00:00Z'), 400);
  });

  it('the ledger and renewals', async () => {
    const { entries } = await checked('GET', '/api/v1/ledger', boss.get('/api/v1/ledger?contract=C-1'), 200);
    expect(entries).toHaveLength(1);
    await checked('POST', '/api/v1/ledger/{id}/approve', boss.post(`/api/v1/ledger/${entries[0].id}/approve`), 200);
    await checked('POST', '/api/v1/ledger/{id}/approve', boss.post(`/api/v1/ledger/${entries[0].id}/approve`), 409);
    await checked('POST', '/api/v1/ledger/{id}/reject', ops.post(`/api/v1/ledger/${entries[0].id}/reject`, { reason: 'no' }), 403);
    await checked('POST', '/api/v1/contracts/{id}/renewals', boss.post('/api/v1/contracts/C-1/renewals', { idempotencyKey: 'renew-2026' }), 201);
    await checked('POST', '/api/v1/contracts/{id}/renewals', boss.post('/api/v1/contracts/C-1/renewals', { idempotencyKey: 'renew-2026' }), 200);
    await checked('GET', '/api/v1/contracts/{id}/renewals', boss.get('/api/v1/contracts/C-1/renewals'), 200);
  });

  it('bugs, force majeure, outages and suspect periods', async () => {
    const bug = await checked('POST', '/api/v1/bugs', ops.post('/api/v1/bugs', { contract: 'C-1', title: 'Export fails' }), 201);
    await checked('POST', '/api/v1/bugs/{id}/occurrences', ops.post(`/api/v1/bugs/${bug.id}/occurrences`, { reportedAt: '2026-11-03T00:00:00Z' }), 201);
    await checked('POST', '/api/v1/bugs/{id}/occurrences/{occurrence}/fix', ops.post(`/api/v1/bugs/${bug.id}/occurrences/1/fix`, { fixedAt: '2026-11-04T00:00:00Z' }), 200);
    await checked('POST', '/api/v1/bugs/{id}/occurrences/{occurrence}/fix', ops.post(`/api/v1/bugs/${bug.id}/occurrences/1/fix`, { fixedAt: '2026-11-04T00:00:00Z' }), 409);
    await checked('GET', '/api/v1/bugs/{id}', boss.get(`/api/v1/bugs/${bug.id}`), 200);
    const declare = { category: 'natural_disaster', description: 'Flood', evidence: 'https://example.com/news', startsAt: '2026-11-05T00:00:00Z', endsAt: '2026-11-05T02:00:00Z' };
    const event = await checked('POST', '/api/v1/force-majeure', ops.post('/api/v1/force-majeure', { ...declare, components: ['app'] }), 201);
    await checked('POST', '/api/v1/force-majeure/{id}/approve', boss2.post(`/api/v1/force-majeure/${event.id}/approve`), 200);
    await checked('GET', '/api/v1/force-majeure/{id}', boss.get(`/api/v1/force-majeure/${event.id}`), 200);
    const all = await checked('POST', '/api/v1/force-majeure', ops.post('/api/v1/force-majeure', declare), 201);
    await checked('POST', '/api/v1/force-majeure/{id}/withdraw', ops.post(`/api/v1/force-majeure/${all.id}/withdraw`), 200);
    const { outages } = await checked('GET', '/api/v1/outages', fetchCall('/api/v1/outages'), 200);
    await checked('POST', '/api/v1/outages/{id}/class', ops.post(`/api/v1/outages/${outages[0].id}/class`, { class: 'very_critical', reason: 'core down' }), 200);
    await checked('POST', '/api/v1/outages/{id}/annotations', ops.post(`/api/v1/outages/${outages[0].id}/annotations`, { body: 'Root cause: disk' }), 201);
    const { suspectPeriods } = await checked('GET', '/api/v1/suspect-periods', boss.get('/api/v1/suspect-periods'), 200);
    await checked('POST', '/api/v1/suspect-periods/{id}/decision', ops.post(`/api/v1/suspect-periods/${suspectPeriods[0].id}/decision`, { decision: 'dismissed', reason: 'our network' }), 200);
  });

  it('incidents, maintenance, the outbox and the audit log', async () => {
    const incident = await checked('POST', '/api/v1/incidents', ops.post('/api/v1/incidents', { title: 'Slow', impact: 'minor', body: 'Looking', affectedComponents: [{ component: 'app', status: 'degraded_performance' }] }), 201);
    await checked('POST', '/api/v1/incidents/{id}/updates', ops.post(`/api/v1/incidents/${incident.id}/updates`, { status: 'resolved', body: 'Fixed' }), 201);
    await checked('GET', '/api/v1/incidents/{id}', boss.get(`/api/v1/incidents/${incident.id}`), 200);
    const window = await checked('POST', '/api/v1/maintenance', ops.post('/api/v1/maintenance', { kind: 'version_upgrade', title: 'Upgrade', components: ['app'], startsAt: '2027-01-09T16:00:00Z', endsAt: '2027-01-09T18:00:00Z' }), 201);
    await checked('POST', '/api/v1/maintenance/{id}/notices', ops.post(`/api/v1/maintenance/${window.id}/notices`, { sentAt: new Date(t.clock.now()).toISOString(), channel: 'email' }), 201);
    await checked('GET', '/api/v1/maintenance/{id}/verdicts', boss.get(`/api/v1/maintenance/${window.id}/verdicts`), 200);
    await checked('POST', '/api/v1/maintenance/{id}/cancel', ops.post(`/api/v1/maintenance/${window.id}/cancel`), 200);
    await checked('POST', '/api/v1/maintenance/{id}/cancel', ops.post(`/api/v1/maintenance/${window.id}/cancel`), 409);
    const { messages } = await checked('GET', '/api/v1/outbox', boss.get('/api/v1/outbox'), 200);
    expect(messages.length).toBeGreaterThan(0);
    const { entries } = await checked('GET', '/api/v1/audit', boss.get('/api/v1/audit?limit=50'), 200);
    expect(entries.length).toBeGreaterThan(10);
    await checked('GET', '/api/v1/audit', fetchCall('/api/v1/audit'), 401);
  });

  it('the public side', async () => {
    for (const path of ['/api/v1/components', '/api/v1/public/overview', '/api/v1/public/incidents', '/api/v1/public/maintenance', '/api/v2/summary.json', '/healthz'])
      await checked('GET', path, fetchCall(path), 200);
    await checked('GET', '/api/v1/public/incidents/{id}', fetchCall('/api/v1/public/incidents/999'), 404);
  });

  it('found no answer off the document, and would have found one', () => {
    expect(problems).toEqual([]);
    // Money is digits: a fee as a JSON number is refused, as a client's types would refuse it.
    expect(validate('GET', '/api/v1/contracts/{id}', 404, { error: { code: 'gone', message: '', details: [] } })).toHaveLength(1);
    expect(validate('GET', '/api/v1/contracts/{id}/renewals', 200, { renewals: [{ feeVnd: 5256000000 }] }).join('\n')).toContain('/renewals/0/feeVnd must be string');
  });

  async function fetchCall(path: string): Promise<Call> {
    const response = await fetch(`${t.daemon.url}${path}`);
    return { status: response.status, body: await response.json() };
  }
});
