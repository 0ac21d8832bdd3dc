import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { statementView } from '../daemon/src/server/statement-view.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

// Issue #16: tickets through the operators' API — recorded, their instants added
// once each, every write audited, each deadline's standing read on the daemon's
// clock (docs/contract.md §2), and bad input refused with its reasons.
const NOW = Date.parse('2026-03-02T09:00:00+07:00');
const yaml = 'components:\n  - { id: app, name: App, tier: core }\n';
const ticket = { contract: 'C-1', title: 'Report export fails', class: 'critical', channel: 'ticket', receivedAt: '2026-03-02T08:00:00+07:00' };

describe.each(testDatabaseKinds())('tickets on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  let viewer: Operator;
  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml, { clock: { now: () => NOW, monotonic: () => performance.now() } });
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    viewer = await operator(t.db.db, t.daemon.url, 'viewer-a', 'viewer');
    expect((await ops.post('/api/v1/contracts', { id: 'C-1', customer: 'Khách hàng', annualFeeVnd: '36500000', components: ['app'], creditAs: 'renewal' })).status).toBe(201);
  });
  afterAll(() => t?.stop());

  it('records a ticket, then its instants, audited, with each deadline as it stands now', async () => {
    const created = await ops.post('/api/v1/tickets', ticket);
    expect(created.status).toBe(201);
    // Received 08:00 by ticket: a 10-minute first response, already missed at 09:00.
    expect(created.body.deadlines).toEqual([{ deadline: 'first_response', dueAt: '2026-03-02T01:10:00.000Z', outcome: 'breached' }]);
    const recorded = await ops.patch(`/api/v1/tickets/${created.body.id}`, { confirmedAt: '2026-03-02T08:20:00+07:00', acknowledgedAt: '2026-03-02T08:40:00+07:00' });
    expect(recorded.status).toBe(200);
    // Critical: acknowledge in 4 working hours (12:20), resolve in 5 working days (Monday 9/3 08:20).
    expect(recorded.body.deadlines.slice(1)).toEqual([
      { deadline: 'acknowledge', dueAt: '2026-03-02T05:20:00.000Z', outcome: 'met' },
      { deadline: 'resolve', dueAt: '2026-03-09T01:20:00.000Z', outcome: 'pending', secondsLeft: 7 * 86_400 - 40 * 60 },
    ]);
    const audit = await t.db.db.selectFrom('audit_log').select(['actor', 'action']).where('entity', '=', 'ticket').orderBy('id').execute();
    expect(audit).toEqual([{ actor: 'ops-a', action: 'ticket.create' }, { actor: 'ops-a', action: 'ticket.record' }]);
    const listed = await viewer.get('/api/v1/contracts/C-1/tickets');
    expect(listed.status).toBe(200);
    expect(listed.body.tickets.map((x: { id: number; acknowledgedAt: string }) => [x.id, x.acknowledgedAt])).toEqual([[created.body.id, '2026-03-02T01:40:00.000Z']]);
    expect((await viewer.get('/api/v1/tickets?contract=C-1')).body.tickets).toEqual(listed.body.tickets);
    // A second ticket acknowledged before any confirmation was recorded (a request answered at once).
    const second = await ops.post('/api/v1/tickets', { ...ticket, receivedAt: '2026-03-02T08:30:00+07:00' });
    expect((await ops.patch(`/api/v1/tickets/${second.body.id}`, { acknowledgedAt: '2026-03-02T08:40:00+07:00' })).status).toBe(200);
  });

  it('exports the tickets in the case file, read at the same instant', async () => {
    const exported = await viewer.get('/api/v1/contracts/C-1/case');
    expect(exported.body.asOf).toBe('2026-03-02T02:00:00.000Z');
    expect(exported.body.tickets.map((x: { id: string; receivedAt: string }) => [x.id, x.receivedAt])).toEqual([['T-1', '2026-03-02T01:00:00.000Z'], ['T-2', '2026-03-02T01:30:00.000Z']]);
    const statement = await viewer.get('/api/v1/contracts/C-1/statement');
    expect(statement.status).toBe(200);
    // What the OpenAPI document promises is what the route answers, ticket report included.
    expect(statementView.safeParse(statement.body).error?.issues ?? []).toEqual([]);
    expect(statement.body.contracts[0].tickets.counts).toEqual([
      { class: 'critical', deadline: 'first_response', met: 0, breached: 2, pending: 0 },
      { class: 'critical', deadline: 'acknowledge', met: 1, breached: 0, pending: 0 },
      { class: 'critical', deadline: 'resolve', met: 0, breached: 0, pending: 1 },
    ]);
  });

  it('counts the deadlines on /metrics by class, deadline and outcome, with no contract label', async () => {
    const text = await waitFor('the ticket family', async () => {
      const body = await (await fetch(`${t.daemon.url}/metrics`)).text();
      return body.includes('sla_ticket_deadlines{class="critical",deadline="first_response",outcome="breached"} 2') ? body : undefined;
    }, 10_000);
    expect(text).toContain('sla_ticket_deadlines{class="critical",deadline="resolve",outcome="pending"} 1');
    expect(text.split('\n').filter((l) => l.startsWith('sla_ticket_deadlines') && l.includes('C-1'))).toEqual([]);
  });

  it.each<[string, string, string, unknown, number, string[] | string]>([
    ['unknown class', 'POST', '/api/v1/tickets', { ...ticket, class: 'p1' }, 400, ['class: must be one of very_critical, critical, normal, attribute_addition, experience_improvement, upgrade']],
    ['unknown contract', 'POST', '/api/v1/tickets', { ...ticket, contract: 'C-9' }, 400, ['contract: unknown contract "C-9"']],
    ['received in the future', 'POST', '/api/v1/tickets', { ...ticket, receivedAt: '2026-03-02T10:00:00+07:00' }, 400, ['receivedAt: in the future; record it once it has happened']],
    ['nothing to record', 'PATCH', '/api/v1/tickets/1', {}, 400, ['body: give at least one of confirmedAt, firstResponseAt, acknowledgedAt, resolvedAt']],
    ['an instant before receipt', 'PATCH', '/api/v1/tickets/1', { firstResponseAt: '2026-03-02T07:00:00+07:00' }, 400, ['firstResponseAt: before receivedAt']],
    ['a confirmation after a recorded acknowledgement', 'PATCH', '/api/v1/tickets/2', { confirmedAt: '2026-03-02T08:50:00+07:00' }, 400, ['confirmedAt: after the recorded acknowledgedAt']],
    ['an instant recorded twice', 'PATCH', '/api/v1/tickets/1', { acknowledgedAt: '2026-03-02T08:45:00+07:00' }, 409, 'already recorded, and not changed: acknowledgedAt'],
    ['no such ticket', 'PATCH', '/api/v1/tickets/999', { resolvedAt: '2026-03-02T08:45:00+07:00' }, 404, 'no ticket 999'],
  ])('%s: %s %s → refused with the reason', async (_name, method, path, body, status, reason) => {
    const before = await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const response = await ops.call(method, path, body);
    expect(response.status).toBe(status);
    if (Array.isArray(reason)) expect(response.body.error.details).toEqual(reason);
    else expect(response.body.error.message).toBe(reason);
    const after = await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
