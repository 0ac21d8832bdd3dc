import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../../daemon/src/db/testing.ts';
import { waitFor } from '../support/daemon-process.ts';
import { startTestDaemon } from '../support/in-process-daemon.ts';
import { operator, type Operator } from '../support/operator-client.ts';

const PARALLEL = 20;
const LICENSE_EXPIRY = '2027-01-01T00:00:00+07:00';

/**
 * Issue #12, reliability suite: writes that must happen exactly once do so
 * when 20 requests race — one approval and one audit row for one entry; one
 * renewal, one expiry move and one `renewal.create` row per contract period,
 * whether the racers share an idempotency key or not (terms §8).
 */
describe.each(testDatabaseKinds())('20 concurrent writes on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  let approver: Operator;

  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: app, name: App, tier: core }\n');
    ops = await operator(t.db.db, t.daemon.url, 'ops', 'operator');
    approver = await operator(t.db.db, t.daemon.url, 'approver', 'approver');
  });
  afterAll(() => t?.stop());

  const contract = async (id: string) => {
    const created = await ops.post('/api/v1/contracts', {
      id, customer: `Khách hàng ${id}`, annualFeeVnd: '120000000', components: ['app'], creditAs: 'renewal',
      states: [{ state: 'active', from: '2025-01-01T00:00:00+07:00' }], licenseExpiresAt: LICENSE_EXPIRY,
    });
    expect(created.status).toBe(201);
  };
  const audit = async (entity: string, entityId: string, action: string) =>
    ((await approver.get(`/api/v1/audit?entity=${entity}&entityId=${entityId}&limit=1000`)).body.entries as Array<{ action: string }>).filter((a) => a.action === action);

  it('approves one ledger entry once: one 200, the rest 409, one ledger.approve audit row', async () => {
    await contract('C-FINE');
    // docs/contract.md §1.2: a bug reported again after its fix is a fine — a proposed entry to approve.
    const bug = await ops.post('/api/v1/bugs', { contract: 'C-FINE', title: 'Totals wrong' });
    expect(bug.status).toBe(201);
    expect((await ops.post(`/api/v1/bugs/${bug.body.id}/occurrences`, { reportedAt: '2025-03-01T00:00:00Z' })).status).toBe(201);
    expect((await ops.post(`/api/v1/bugs/${bug.body.id}/occurrences/1/fix`, { fixedAt: '2025-03-02T00:00:00Z' })).status).toBe(200);
    expect((await ops.post(`/api/v1/bugs/${bug.body.id}/occurrences`, { reportedAt: '2025-03-10T00:00:00Z' })).status).toBe(201);
    const [entry] = await waitFor('a proposed fine', async () => {
      const list = (await approver.get('/api/v1/ledger?contract=C-FINE&state=proposed')).body.entries as Array<{ id: number; kind: string }>;
      return list.length > 0 ? list : undefined;
    });

    const results = await Promise.all(Array.from({ length: PARALLEL }, () => approver.post(`/api/v1/ledger/${entry!.id}/approve`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(PARALLEL - 1).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) expect(typeof r.body.error.message).toBe('string');
    const approved = (await approver.get('/api/v1/ledger?contract=C-FINE')).body.entries.filter((e: { id: number }) => e.id === entry!.id);
    expect(approved).toMatchObject([{ state: 'approved', decidedBy: 'approver' }]);
    expect(await audit('ledger_entry', String(entry!.id), 'ledger.approve')).toHaveLength(1);
  });

  // Same key: the retries return the renewal already made. Different keys: the period is renewed once
  // (issue #12: 8 racing renewals with fresh keys made 8 renewals and moved the expiry 9 years).
  it.each([
    ['the same idempotency key', 'C-SAME', (_i: number) => 'renewal-2027-same'],
    ['different idempotency keys', 'C-DIFF', (i: number) => `renewal-2027-key-${i}`],
  ])('renews one contract period once for %s', async (_name, id, key) => {
    await contract(id);
    const before = (await approver.get(`/api/v1/contracts/${id}`)).body;
    const results = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => approver.post(`/api/v1/contracts/${id}/renewals`, { idempotencyKey: key(i) })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201), `statuses: ${statuses.join(',')}`).toHaveLength(1);
    // The others answer with the renewal already made (200) or refuse it as a conflict (409); never a second one.
    for (const r of results) expect([200, 201, 409], JSON.stringify(r.body)).toContain(r.status);
    const made = results.find((r) => r.status === 201)!.body;
    for (const r of results.filter((x) => x.status === 200)) expect(r.body.id).toBe(made.id);

    const renewals = (await approver.get(`/api/v1/contracts/${id}/renewals`)).body.renewals;
    expect(renewals).toHaveLength(1);
    const after = (await approver.get(`/api/v1/contracts/${id}`)).body;
    const oneYearLater = Temporal.Instant.from(before.licenseExpiresAt).toZonedDateTimeISO('Asia/Ho_Chi_Minh').add({ years: 1 }).epochMilliseconds;
    expect(Date.parse(after.licenseExpiresAt)).toBe(oneYearLater);
    expect(await audit('contract', id, 'renewal.create')).toHaveLength(1);
  });
});
