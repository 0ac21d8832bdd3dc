import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../daemon/src/cli/main.ts';
import { waitFor } from './support/daemon-process.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

// Issue #16: a confidentiality breach (terms §4, docs/contract.md §1.3) end to
// end — declared by one operator, approved by a second, a ledger line of its
// own with the exact figure, applied by a renewal whose fee it exceeds (the
// rest carried to the next one, never dropped), replayed by `sla credits`.
const NOW = Date.parse('2027-03-10T12:00:00+07:00');
const FEE = '36500000';
const yaml = 'components:\n  - { id: app, name: App, tier: core }\n';
// Signed 2024-12-01 15:00 (its first state); the breach on 2027-03-10 is in the third term,
// 100 of 365 days used: value 2 × 36,500,000 + 10,000,000, refund 26,500,000.
const breach = { contract: 'C-1', at: '2027-03-10T10:00:00+07:00', description: 'Customer records on a public bucket', evidence: 'forensics report FR-2027-03' };

describe.each(testDatabaseKinds())('confidentiality breaches on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let opsA: Operator;
  let opsB: Operator;
  let viewer: Operator;
  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml, { clock: { now: () => NOW, monotonic: () => performance.now() } });
    opsA = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    opsB = await operator(t.db.db, t.daemon.url, 'ops-b', 'approver');
    viewer = await operator(t.db.db, t.daemon.url, 'auditor', 'viewer');
    const created = await opsA.post('/api/v1/contracts', {
      id: 'C-1', customer: 'Khách hàng A', annualFeeVnd: FEE, components: ['app'], creditAs: 'license',
      states: [{ state: 'deployment', from: '2024-12-01T15:00:00+07:00' }, { state: 'active', from: '2025-01-01T00:00:00+07:00' }],
      licenseExpiresAt: '2027-04-01T00:00:00+07:00', renewalAt: '2027-04-01T00:00:00+07:00',
    });
    expect(created.status).toBe(201);
    expect((await opsA.post('/api/v1/contracts', { id: 'C-2', customer: 'Khách hàng B', annualFeeVnd: FEE, components: ['app'] })).status).toBe(201);
  });
  afterAll(() => t?.stop());

  const entries = async () => (await viewer.get('/api/v1/ledger?contract=C-1')).body.entries as Array<Record<string, any>>;
  let declaredId: number;

  it('a declared breach owes nothing until approved', async () => {
    const declared = await opsA.post('/api/v1/breaches', breach);
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ contract: 'C-1', at: '2027-03-10T03:00:00.000Z', declaredBy: 'ops-a', approvedBy: null, approvedAt: null });
    declaredId = declared.body.id;
    expect(await entries()).toEqual([]);
    expect((await viewer.get('/api/v1/breaches?contract=C-1')).body.breaches.map((b: { id: number }) => b.id)).toEqual([declaredId]);
  });

  it('refuses the declarer’s own approval (403, with the reason), even with the approver role', async () => {
    const own = await opsB.post('/api/v1/breaches', { ...breach, at: '2027-03-01T10:00:00+07:00' });
    expect(own.status).toBe(201);
    const self = await opsB.post(`/api/v1/breaches/${own.body.id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe('ops-b declared this breach and cannot also approve it: a breach needs a second, different approver (docs/contract.md §1.3)');
    expect(await entries()).toEqual([]);
  });

  it('approved by a second operator: one proposed ledger line of its own, with the exact figure, paid as money', async () => {
    const approved = await opsB.post(`/api/v1/breaches/${declaredId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ approvedBy: 'ops-b', approvedAt: '2027-03-10T05:00:00.000Z' });
    const [entry, ...rest] = await entries();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ source: 'breach', ref: `BR-${declaredId}`, state: 'proposed', creditAs: 'renewal', licenseSeconds: '0', amountVnd: '109500000', createdBy: 'ops-b' });
    expect(entry!.line).toEqual({ source: 'breach', ref: `BR-${declaredId}`, termsEnded: 2, usedDays: 100, termDays: 365, valueVnd: '83000000', refundVnd: '26500000', licenseSeconds: 0, amountVnd: '109500000' });
    expect((await opsB.post(`/api/v1/breaches/${declaredId}/approve`)).status).toBe(409);
    const audit = (await viewer.get(`/api/v1/audit?entity=breach&entityId=${declaredId}`)).body.entries.map((a: { action: string; actor: string }) => [a.action, a.actor]);
    expect(audit.sort()).toEqual([['breach.approve', 'ops-b'], ['breach.declare', 'ops-a']]);
  });

  it('the exported case file, fed to `sla credits --json`, yields exactly the ledger’s line', async () => {
    const exported = await viewer.get('/api/v1/contracts/C-1/case');
    expect(exported.body.breaches).toHaveLength(2);
    const dir = mkdtempSync(join(tmpdir(), 'case-'));
    writeFileSync(join(dir, 'case.json'), JSON.stringify(exported.body));
    let stdout = '';
    expect(await runCli(['credits', 'case.json', '--json'], { stdout: (s) => { stdout += s; }, stderr: () => {}, env: {}, cwd: dir })).toBe(0);
    const [entry] = await entries();
    expect(JSON.parse(stdout).contracts[0].credits).toEqual([entry!.line]);
    const statement = await viewer.get('/api/v1/contracts/C-1/statement');
    expect(statement.status).toBe(200);
    expect(statement.body.contracts[0].totals.amountVnd).toBe('109500000');
    const html = await viewer.get('/api/v1/contracts/C-1/statement?format=html&lang=en');
    expect(html.body).toContain(`Confidentiality breach BR-${declaredId}: value to date 83.000.000\u00a0₫ + refund of the prepaid term 26.500.000\u00a0₫ (100 of 365 days used; terms §4, docs/contract.md §1.3)`);
    const csv = await viewer.get('/api/v1/contracts/C-1/statement?format=csv');
    expect(csv.body.split('\r\n')[1]).toMatch(new RegExp(`^C-1-20270310,C-1,${entry!.id},credit,breach,BR-${declaredId},,proposed,proposed,renewal,,,,,0,109500000,ops-b,`));
  });

  it('a breach past the renewal’s fee: the renewal costs nothing and the rest is carried to the next one', async () => {
    const [proposed] = await entries();
    expect((await opsB.post(`/api/v1/ledger/${proposed!.id}/approve`)).status).toBe(200);
    const renewal = await opsB.post('/api/v1/contracts/C-1/renewals', { idempotencyKey: 'renewal-2027-04' });
    expect(renewal.status).toBe(201);
    expect(renewal.body).toMatchObject({ feeVnd: FEE, deductionVnd: FEE, amountVnd: '0', licenseExtensionSeconds: '0' });
    const list = await entries(); // newest first
    expect(list.map((e) => [e.source, e.state, e.amountVnd, e.renewal])).toEqual([
      ['carried_forward', 'approved', '73000000', null],
      ['breach', 'applied', '109500000', renewal.body.id],
    ]);
    // A later recompute leaves the applied line alone: the figure has not changed.
    expect((await opsA.post('/api/v1/contracts/C-1/states', { state: 'paused', effectiveAt: '2027-03-10T11:00:00+07:00' })).status).toBeLessThan(300);
    expect((await entries()).length).toBe(2);
  });

  it('counts breaches on /metrics by state, with no contract label', async () => {
    const text = await waitFor('the breach family', async () => {
      const body = await (await fetch(`${t.daemon.url}/metrics`)).text();
      return body.includes('sla_breaches{state="approved"} 1') ? body : undefined;
    }, 10_000);
    expect(text).toContain('sla_breaches{state="declared"} 1');
    expect(text.split('\n').filter((l) => l.startsWith('sla_breaches') && l.includes('C-1'))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['in the future', { ...breach, at: '2027-03-10T13:00:00+07:00' }, 'at: in the future; declare a breach once it has happened'],
    ['an unknown contract', { ...breach, contract: 'C-9' }, 'contract: unknown contract "C-9"'],
    ['a contract with no state to count from', { ...breach, contract: 'C-2' }, 'contract: "C-2" has no recorded state, so no signing instant to count its value from (docs/contract.md §1.3)'],
    ['before signing', { ...breach, at: '2024-11-30T10:00:00+07:00' }, 'at: before contract "C-1" was signed (2024-12-01T08:00:00.000Z)'],
    ['without evidence', { ...breach, evidence: ' ' }, 'evidence: must be at least 1 character long'],
  ])('refuses a breach %s, with the reason', async (_name, body, reason) => {
    const refused = await opsA.post('/api/v1/breaches', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([reason]);
  });

  it('answers 404 for an unknown breach and the CLI lists them', async () => {
    expect((await opsB.post('/api/v1/breaches/999/approve')).status).toBe(404);
    let stdout = '';
    let stderr = '';
    const code = await runCli(['breaches', 'list', '--contract', 'C-1'], { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env: { SLA_URL: t.daemon.url, SLA_TOKEN: viewer.token }, cwd: tmpdir() });
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout).breaches.map((b: { approvedBy: string | null }) => b.approvedBy)).toEqual([null, 'ops-b']);
  });
});
