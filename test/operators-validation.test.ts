import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

const TABLES = ['contracts', 'contract_components', 'contract_states', 'maintenance_windows', 'maintenance_notices', 'force_majeure', 'bugs', 'bug_occurrences', 'incidents', 'incident_updates', 'ledger_entries', 'renewals', 'outage_annotations', 'audit_log'] as const;

/** Issue #4: bad input → 4xx with a reason, and no row changed anywhere. */
describe.each(testDatabaseKinds())('bad input to the operators’ API on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let admin: Operator;
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: app, name: App, tier: core }\n');
    admin = await operator(t.db.db, t.daemon.url, 'root', 'admin');
    expect((await admin.post('/api/v1/contracts', { id: 'C-1', customer: 'A', annualFeeVnd: '1000', components: ['app'] })).status).toBe(201);
    expect((await admin.post('/api/v1/bugs', { contract: 'C-1', title: 'Totals wrong' })).status).toBe(201);
    const window = await admin.post('/api/v1/maintenance', { kind: 'infrastructure', title: 'Disks', components: ['app'], startsAt: '2099-01-02T15:00:00Z', endsAt: '2099-01-02T16:00:00Z' });
    expect(window.body.id).toBe(1);
  });
  afterAll(() => t?.stop());

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };

  it.each<[string, string, string, unknown, number, string[]]>([
    ['contract with a float fee and an unknown component', 'POST', '/api/v1/contracts', { id: 'C-2', customer: 'B', annualFeeVnd: 1.5, components: ['nope'] }, 400, ['annualFeeVnd: must be a string, not number 1.5']],
    ['contract with an unknown component', 'POST', '/api/v1/contracts', { id: 'C-2', customer: 'B', annualFeeVnd: '100', components: ['app', 'nope'] }, 400, ['components[1]: unknown component "nope"']],
    ['duplicate contract', 'POST', '/api/v1/contracts', { id: 'C-1', customer: 'B', annualFeeVnd: '100', components: [] }, 409, []],
    ['contract with an unknown field', 'POST', '/api/v1/contracts', { id: 'C-3', customer: 'B', annualFeeVnd: '100', components: [], discount: 5 }, 400, ['discount: unknown key']],
    ['state with a bad instant', 'POST', '/api/v1/contracts/C-1/states', { state: 'active', effectiveAt: '2025-01-01' }, 400, ['effectiveAt: must be an ISO-8601 instant with an offset or Z']],
    ['state of an unknown kind', 'POST', '/api/v1/contracts/C-1/states', { state: 'frozen', effectiveAt: '2025-01-01T00:00:00Z' }, 400, ['state: must be one of deployment, active, paused']],
    ['maintenance ending before it starts', 'POST', '/api/v1/maintenance', { kind: 'backup', title: 'x', components: ['app'], startsAt: '2026-01-02T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' }, 400, ['endsAt: must be after startsAt']],
    ['notice on a missing window', 'POST', '/api/v1/maintenance/4242/notices', { sentAt: '2026-01-01T00:00:00Z', channel: 'email' }, 404, []],
    // Issue #12: a notice is a fact once sent; dated ahead (or before its window existed) it made a window valid at once.
    ['notice dated in the future', 'POST', '/api/v1/maintenance/1/notices', { sentAt: '2099-01-01T00:00:00Z', channel: 'email' }, 400, ['sentAt: in the future; record a notice once it has been sent']],
    ['notice dated before its window was created', 'POST', '/api/v1/maintenance/1/notices', { sentAt: '2001-01-01T00:00:00Z', channel: 'email' }, 400, ['sentAt: before the window was created']],
    // Issue #12, docs/contract.md §3.2: force majeure removes money owed; it needs evidence.
    ['force majeure without evidence', 'POST', '/api/v1/force-majeure', { category: 'power_failure', description: 'Mất điện diện rộng', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-02T00:00:00Z' }, 400, ['evidence: required']],
    ['force majeure with blank evidence', 'POST', '/api/v1/force-majeure', { category: 'power_failure', description: 'Mất điện diện rộng', evidence: '  ', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-02T00:00:00Z' }, 400, ['evidence: must be at least 1 character long']],
    ['force majeure of an unknown category', 'POST', '/api/v1/force-majeure', { category: 'alien_invasion', description: 'x', evidence: 'x', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-02T00:00:00Z' }, 400, ['category: must be one of natural_disaster, epidemic, power_failure, telecom_cable, legal']],
    ['bug on an unknown contract', 'POST', '/api/v1/bugs', { contract: 'C-404', title: 'x' }, 400, ['contract: unknown contract "C-404"']],
    ['fix of an occurrence never reported', 'POST', '/api/v1/bugs/1/occurrences/1/fix', { fixedAt: '2020-01-01T00:00:00Z' }, 404, []],
    ['reclassify without a reason', 'POST', '/api/v1/outages/1/class', { class: 'very_critical' }, 400, ['reason: required']],
    ['approve a missing entry', 'POST', '/api/v1/ledger/77/approve', {}, 404, []],
    ['reject without a reason', 'POST', '/api/v1/ledger/77/reject', {}, 400, ['reason: required']],
    ['renewal with a short key', 'POST', '/api/v1/contracts/C-1/renewals', { idempotencyKey: 'x' }, 400, ['idempotencyKey: must be at least 8 characters long']],
    ['a body that is not JSON', 'POST', '/api/v1/incidents', 'not json', 400, []],
  ])('%s (%s %s): 4xx, nothing written', async (_name, method, path, body, status, details) => {
    const before = await counts();
    const response = await (typeof body === 'string'
      ? fetch(`${t.daemon.url}${path}`, { method, body, headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' } }).then(async (r) => ({ status: r.status, body: await r.json() as any }))
      : admin.call(method, path, body));
    expect(response.status).toBe(status);
    expect(typeof response.body.error.message).toBe('string');
    if (details.length > 0) expect(response.body.error.details).toEqual(details);
    expect(await counts()).toEqual(before);
  });
});
