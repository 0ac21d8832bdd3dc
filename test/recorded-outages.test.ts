import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../daemon/src/auth/token.repository.ts';
import { runCli } from '../daemon/src/cli/main.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { openOutage, closeOutage } from '../daemon/src/outages/outage.repository.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

// Issue #16: an outage seen elsewhere, recorded by an operator (docs/contract.md §1.5):
// it raises what is owed at once, is marked as the operator's wherever outages are listed,
// never overlaps a stored outage on its component, and is withdrawn only with a second,
// different operator's approval, since withdrawing it lowers money.
const NOW = Date.parse('2027-03-10T12:00:00+07:00');
// 36,500,000 a year: one 2-hour block is 50,000 VND (docs/contract.md §1.1).
const FEE = '36500000';
const yaml = 'components:\n  - { id: app, name: App, tier: core }\n  - { id: api, name: API, tier: core }\n';
const seen = {
  start: '2027-03-01T10:00:00+07:00',
  end: '2027-03-01T14:00:00+07:00',
  components: ['app', 'api'],
  impact: 'major_outage',
  reason: 'Customers could not log in; our probes were blind behind the CDN',
  evidence: 'CDN incident report CDN-2027-0301 and support ticket T-88',
};

describe.each(testDatabaseKinds())('recorded outages on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let opsA: Operator;
  let opsB: Operator;
  let viewer: Operator;
  let detected: number;
  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml, { clock: { now: () => NOW, monotonic: () => performance.now() } });
    opsA = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    opsB = await operator(t.db.db, t.daemon.url, 'ops-b', 'approver');
    viewer = await operator(t.db.db, t.daemon.url, 'auditor', 'viewer');
    const created = await opsA.post('/api/v1/contracts', {
      id: 'C-1', customer: 'Khách hàng A', annualFeeVnd: FEE, components: ['app', 'api'], creditAs: 'renewal',
      states: [{ state: 'active', from: '2027-01-01T00:00:00+07:00' }],
    });
    expect(created.status).toBe(201);
    // One the prober detected: 2027-03-02 08:00–08:30 on app.
    const o = await openOutage(t.db.db, { componentId: 'app', impact: 'major_outage', startedAt: new Date('2027-03-02T01:00:00Z') });
    await closeOutage(t.db.db, o.id, new Date('2027-03-02T01:30:00Z'));
    detected = o.id;
  });
  afterAll(() => t?.stop());

  const entries = async () => (await viewer.get('/api/v1/ledger?contract=C-1')).body.entries as Array<Record<string, any>>;
  const owed = async () => (await entries()).filter((e) => e.state !== 'superseded' && e.state !== 'reversed');
  let recorded: Array<Record<string, any>>;

  it('records one closed outage per component, attributed and audited, owed at once', async () => {
    const res = await opsA.post('/api/v1/outages', seen);
    expect(res.status).toBe(201);
    recorded = res.body.outages;
    expect(recorded.map((o) => o.component)).toEqual(['app', 'api']);
    expect(recorded[0]).toMatchObject({
      impact: 'major_outage', class: null, startedAt: '2027-03-01T03:00:00.000Z', endedAt: '2027-03-01T07:00:00.000Z',
      source: 'operator', recordedBy: 'ops-a', reason: seen.reason, evidence: seen.evidence, withdrawRequestedBy: null, withdrawnBy: null,
    });
    const lines = await owed();
    expect(lines.map((e) => [e.ref, e.state, e.amountVnd, e.createdBy]).sort()).toEqual(recorded.map((o) => [`O-${o.id}`, 'proposed', '100000', 'ops-a']).sort());
    expect(lines[0]!.line.recordedBy).toBe('ops-a');
    const audit = (await viewer.get(`/api/v1/audit?entity=outage&entityId=${recorded[0]!.id}`)).body.entries;
    expect(audit.map((a: { action: string; actor: string }) => [a.action, a.actor])).toEqual([['outage.record', 'ops-a']]);
  });

  it('refuses one overlapping an outage already stored on the same component (409 naming it), and writes nothing', async () => {
    const before = await entries();
    const onDetected = await opsA.post('/api/v1/outages', { ...seen, start: '2027-03-02T08:20:00+07:00', end: '2027-03-02T09:00:00+07:00', components: ['api', 'app'] });
    expect(onDetected.status).toBe(409);
    expect(onDetected.body.error.message).toBe(`outage ${detected} on app (2027-03-02T01:00:00.000Z – 2027-03-02T01:30:00.000Z) overlaps the one recorded; no minute is credited twice`);
    const onRecorded = await opsA.post('/api/v1/outages', { ...seen, start: '2027-03-01T13:59:00+07:00', end: '2027-03-01T15:00:00+07:00', components: ['api'] });
    expect(onRecorded.status).toBe(409);
    expect(onRecorded.body.error.message).toContain(`outage ${recorded[1]!.id} on api`);
    // Touching is not overlapping: [14:00, 15:00) follows [10:00, 14:00).
    expect(await entries()).toEqual(before);
    expect((await viewer.get('/api/v1/outages?component=api')).body.outages).toHaveLength(1);
  });

  it('refuses what is not a past, closed interval with evidence (400 naming each field)', async () => {
    const bad = await opsA.post('/api/v1/outages', { ...seen, end: seen.start, evidence: ' ', components: ['app', 'nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(expect.arrayContaining([expect.stringMatching(/^evidence: /), 'end: must be after start']));
    const future = await opsA.post('/api/v1/outages', { ...seen, start: '2027-03-10T11:00:00+07:00', end: '2027-03-10T13:00:00+07:00' });
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual(['end: in the future; record an outage once it has ended']);
    const unknown = await opsA.post('/api/v1/outages', { ...seen, start: '2027-03-03T10:00:00+07:00', end: '2027-03-03T11:00:00+07:00', components: ['app', 'nope'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual(['components[1]: unknown component "nope"']);
  });

  it('a security fault with no downtime, classed very critical by the operator (docs/contract.md §1.1), earns its blocks', async () => {
    const res = await opsA.post('/api/v1/outages', { ...seen, start: '2027-03-05T09:00:00+07:00', end: '2027-03-05T11:00:00+07:00', components: ['app'], impact: 'degraded', class: 'very_critical', reason: 'Session tokens readable by other tenants' });
    expect(res.status).toBe(201);
    const [fault] = res.body.outages;
    expect(fault).toMatchObject({ impact: 'degraded', class: 'very_critical', source: 'operator' });
    expect((await owed()).find((e) => e.ref === `O-${fault.id}`)).toMatchObject({ amountVnd: '50000', state: 'proposed' });
    recorded.push(fault);
  });

  it('is marked as the operator’s in the public list (no person, no reason), the case export and the replayed statement', async () => {
    const listed = (await fetch(`${t.daemon.url}/api/v1/outages?component=app`).then((r) => r.json())) as { outages: Array<Record<string, unknown>> };
    expect(listed.outages.map((o) => [o.id, o.source])).toEqual([[recorded[2]!.id, 'operator'], [detected, 'probe'], [recorded[0]!.id, 'operator']]);
    expect(JSON.stringify(listed)).not.toContain('ops-a');
    expect(JSON.stringify(listed)).not.toContain('CDN-2027');
    const exported = (await viewer.get('/api/v1/contracts/C-1/case')).body;
    expect(exported.outages.find((o: { id: string }) => o.id === `O-${recorded[0]!.id}`)).toMatchObject({ recordedBy: 'ops-a' });
    expect(exported.outages.find((o: { id: string }) => o.id === `O-${detected}`)).not.toHaveProperty('recordedBy');
    const dir = mkdtempSync(join(tmpdir(), 'case-'));
    writeFileSync(join(dir, 'case.json'), JSON.stringify(exported));
    let stdout = '';
    expect(await runCli(['credits', 'case.json', '--json'], { stdout: (s) => { stdout += s; }, stderr: () => {}, env: {}, cwd: dir })).toBe(0);
    const byRef = (l: Record<string, any>) => l.ref as string;
    // The detected outage's 30 minutes make a line of no blocks, which the ledger does not hold.
    const replayed = JSON.parse(stdout).contracts[0].credits.filter((l: { amountVnd: string }) => l.amountVnd !== '0');
    expect(replayed.map(byRef).sort()).toEqual((await owed()).map(byRef).sort());
    for (const line of replayed) expect(line).toEqual((await owed()).find((e) => e.ref === line.ref)!.line);
    let text = '';
    expect(await runCli(['credits', 'case.json'], { stdout: (s) => { text += s; }, stderr: () => {}, env: {}, cwd: dir })).toBe(0);
    expect(text).toContain(`outage O-${recorded[0]!.id} (recorded by ops-a)`);
    const html = await viewer.get('/api/v1/contracts/C-1/statement?format=html&lang=en');
    expect(html.body).toMatch(new RegExp(`Outage O-${recorded[0]!.id}, [^<]* \\(recorded by ops-a\\):`));
    expect(html.body).toMatch(new RegExp(`Outage O-${detected}, [^<(]*: `));
    expect((await viewer.get('/api/v1/contracts/C-1/statement?format=html')).body).toMatch(new RegExp(`Sự cố O-${recorded[0]!.id}, [^<]* \\(do ops-a ghi nhận\\):`));
  });

  it('withdrawing lowers money, so it takes a second, different operator’s approval', async () => {
    const id = recorded[0]!.id;
    const asked = await opsA.post(`/api/v1/outages/${id}/withdraw`, { reason: 'The CDN report was about another region' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ withdrawRequestedBy: 'ops-a', withdrawReason: 'The CDN report was about another region', withdrawnBy: null });
    expect((await owed()).find((e) => e.ref === `O-${id}`)).toMatchObject({ amountVnd: '100000' });
    expect((await opsA.post(`/api/v1/outages/${id}/withdraw`, { reason: 'again' })).status).toBe(409);
    const self = await opsA.post(`/api/v1/outages/${id}/withdraw/approve`);
    expect(self.status).toBe(403);
    // The same person with an approver's token is still the one who asked.
    const token = await createToken(t.db.db, 'ops-a-approver', 'approver', 'ops-a');
    const own = await fetch(`${t.daemon.url}/api/v1/outages/${id}/withdraw/approve`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(own.status).toBe(403);
    expect(((await own.json()) as { error: { message: string } }).error.message).toBe('ops-a asked for this withdrawal and cannot also approve it: withdrawing a recorded outage lowers money, so it needs a second, different approver (docs/contract.md §1.5)');
    const approved = await opsB.post(`/api/v1/outages/${id}/withdraw/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ withdrawnBy: 'ops-b', withdrawnAt: '2027-03-10T05:00:00.000Z' });
    expect((await owed()).map((e) => e.ref)).not.toContain(`O-${id}`);
    expect((await opsB.post(`/api/v1/outages/${id}/withdraw/approve`)).status).toBe(409);
    const audit = (await viewer.get(`/api/v1/audit?entity=outage&entityId=${id}`)).body.entries.map((a: { action: string; actor: string }) => [a.action, a.actor]);
    expect(audit.sort()).toEqual([['outage.record', 'ops-a'], ['outage.withdraw', 'ops-a'], ['outage.withdraw_approve', 'ops-b']]);
    // Gone from every list, so the same interval can be recorded again, right.
    expect((await viewer.get('/api/v1/outages?component=app')).body.outages.map((o: { id: number }) => o.id)).not.toContain(id);
    expect((await opsA.post('/api/v1/outages', { ...seen, components: ['app'], end: '2027-03-01T12:00:00+07:00' })).status).toBe(201);
  });

  it('a detected outage cannot be withdrawn: its class is what an operator changes (409)', async () => {
    const res = await opsA.post(`/api/v1/outages/${detected}/withdraw`, { reason: 'not ours' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(`outage ${detected} was detected by the prober, not recorded: change its class instead (POST /api/v1/outages/${detected}/class, docs/contract.md §1.1)`);
    expect((await opsA.post('/api/v1/outages/999999/withdraw', { reason: 'x' })).status).toBe(404);
  });
});
