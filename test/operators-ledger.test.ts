import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../daemon/src/cli/main.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';
import { switchableTarget } from './support/switchable-target.ts';

// A fee of 5,256,000,000 VND a year is 1,000 VND per second of stoppage under
// prorata (fee ÷ 730 ÷ 7,200), so a few seconds of real outage earn a credit.
const FEE = '5256000000';
const config = (monitors: string) =>
  `components:\n  - { id: app, name: App, tier: core }\n${monitors}detection: { failuresToOpen: 2, successesToClose: 2 }\npolicy: { blockRounding: prorata }\n`;

/**
 * Issue #4 end to end, on the real pipeline: a probed outage closes, the
 * engine proposes, an approver approves, a renewal applies it; force majeure
 * approved afterwards reverses and re-proposes; the exported case file
 * replays to the ledger's figures.
 */
describe.each(testDatabaseKinds())('operators and the ledger on %s', (kind) => {
  let target: Awaited<ReturnType<typeof switchableTarget>>;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let opsA: Operator;
  let opsB: Operator;
  let viewer: Operator;
  let outage: { id: number; startedAt: string; endedAt: string };

  beforeAll(async () => {
    target = await switchableTarget();
    t = await startTestDaemon(kind, config(`monitors:\n  - { id: app-http, component: app, kind: http, target: "${target.url}", interval: 250ms, timeout: 200ms }\n`));
    opsA = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    opsB = await operator(t.db.db, t.daemon.url, 'ops-b', 'approver');
    viewer = await operator(t.db.db, t.daemon.url, 'auditor', 'viewer');
    const created = await opsA.post('/api/v1/contracts', {
      id: 'C-1', customer: 'Khách hàng A', annualFeeVnd: FEE, components: ['app'], creditAs: 'license',
      states: [{ state: 'active', from: '2025-01-01T00:00:00+07:00' }], licenseExpiresAt: '2027-01-01T00:00:00+07:00',
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await t?.stop();
    await target?.close();
  });

  const entries = async () => (await viewer.get('/api/v1/ledger?contract=C-1')).body.entries as Array<Record<string, any>>;

  it('proposes a credit when a very critical outage closes', async () => {
    target.setUp(false);
    await waitFor('an open outage', async () => ((await (await fetch(`${t.daemon.url}/api/v1/outages`)).json()) as any).outages[0]);
    // Three seconds of outage on the daemon's clock; two more probes see the target down after
    // them, so the first probe that sees it up started after them too.
    t.clock.advance(3_000);
    const answered = target.answeredSinceSwitch();
    await waitFor('two probes past the three seconds', async () => (target.answeredSinceSwitch() >= answered + 2 ? true : undefined));
    target.setUp(true);
    const [proposal] = await waitFor('a proposal', async () => {
      const list = await entries();
      return list.length > 0 ? list : undefined;
    });
    // One outage is the whole story: stop probing so a loaded machine's slow probe cannot add another.
    const quiet = parseConfig(config(''), 'test.yaml');
    if (!quiet.ok) throw new Error('test config invalid');
    await t.daemon.reload(quiet.config);
    outage = ((await (await fetch(`${t.daemon.url}/api/v1/outages`)).json()) as any).outages[0];
    expect(((await (await fetch(`${t.daemon.url}/api/v1/outages`)).json()) as any).outages).toHaveLength(1);
    const seconds = Math.floor(Date.parse(outage.endedAt) / 1000) - Math.floor(Date.parse(outage.startedAt) / 1000);
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(proposal).toMatchObject({
      contract: 'C-1', kind: 'credit', source: 'outage', ref: `O-${outage.id}`, state: 'proposed', createdBy: 'engine',
      creditAs: 'license', licenseSeconds: String(seconds * 6), amountVnd: String(seconds * 1000), policyVersion: '1office-sla-2025',
      apologyPublished: false,
    });
    expect(proposal!.line).toMatchObject({ outageSeconds: seconds, creditableSeconds: seconds, excluded: [] });
  });

  it('shows whether the apology post (SLA §C.5) was published', async () => {
    const incident = await opsA.post('/api/v1/incidents', { title: 'App unavailable', impact: 'critical', status: 'resolved', body: 'We apologise for the outage.', components: ['app'], outages: [outage.id], apology: true });
    expect(incident.status).toBe(201);
    expect((await entries())[0]).toMatchObject({ apologyPublished: true });
  });

  it('refuses force majeure approved by its own declarer (403, with the reason)', async () => {
    const approverA = await operator(t.db.db, t.daemon.url, 'ops-c', 'approver');
    const declared = await approverA.post('/api/v1/force-majeure', { category: 'power_failure', description: 'Grid failure', evidence: 'EVN outage notice 2026-12-07', startsAt: outage.startedAt, endsAt: outage.endedAt });
    expect(declared.status).toBe(201);
    const self = await approverA.post(`/api/v1/force-majeure/${declared.body.id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain('force majeure needs a second, different approver');
    await approverA.post(`/api/v1/force-majeure/${declared.body.id}/withdraw`);
  });

  it('of ten parallel approvals exactly one takes effect', async () => {
    const [proposal] = await entries();
    const results = await Promise.all(Array.from({ length: 10 }, () => opsB.post(`/api/v1/ledger/${proposal!.id}/approve`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const approved = await entries();
    expect(approved[0]).toMatchObject({ state: 'approved', decidedBy: 'ops-b' });
    const audit = (await viewer.get(`/api/v1/audit?entity=ledger_entry&entityId=${proposal!.id}`)).body.entries;
    expect(audit.filter((a: { action: string }) => a.action === 'ledger.approve')).toHaveLength(1);
  });

  it('a renewal moves the license expiry by exactly the line’s license seconds, once for ten parallel tries', async () => {
    const [approved] = await entries();
    const before = (await viewer.get('/api/v1/contracts/C-1')).body;
    const results = await Promise.all(Array.from({ length: 10 }, () => opsB.post('/api/v1/contracts/C-1/renewals', { idempotencyKey: 'renewal-2027' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const renewal = results[0]!.body;
    const after = (await viewer.get('/api/v1/contracts/C-1')).body;
    const oneYearLater = Temporal.Instant.from(before.licenseExpiresAt).toZonedDateTimeISO('Asia/Ho_Chi_Minh').add({ years: 1 }).epochMilliseconds;
    expect(Date.parse(after.licenseExpiresAt) - oneYearLater).toBe(Number(approved!.licenseSeconds) * 1000);
    expect(renewal).toMatchObject({ licenseExtensionSeconds: approved!.licenseSeconds, deductionVnd: '0', amountVnd: FEE, feeVnd: FEE });
    expect((await entries())[0]).toMatchObject({ state: 'applied', renewal: renewal.id, appliedBy: 'ops-b' });
  });

  it('force majeure approved afterwards: a reversing entry and a proposal with the new figures', async () => {
    const [applied] = await entries();
    const start = Math.floor(Date.parse(outage.startedAt) / 1000);
    const end = Math.floor(Date.parse(outage.endedAt) / 1000);
    const fmEnd = start + 2; // the first two seconds of the outage were a power failure
    const declared = await opsA.post('/api/v1/force-majeure', { category: 'power_failure', description: 'Grid failure', evidence: 'EVN outage notice 2026-12-07', startsAt: new Date((start - 60) * 1000).toISOString(), endsAt: new Date(fmEnd * 1000).toISOString() });
    const approved = await opsB.post(`/api/v1/force-majeure/${declared.body.id}/approve`);
    expect(approved.status).toBe(200);
    const list = await entries(); // newest first
    const creditable = end - fmEnd;
    expect(list.slice(0, 3).map((e) => [e.kind, e.state, e.licenseSeconds, e.amountVnd, e.reverses, e.createdBy])).toEqual([
      ['credit', 'proposed', String(creditable * 6), String(creditable * 1000), null, 'ops-b'],
      ['reversal', 'approved', `-${applied!.licenseSeconds}`, `-${applied!.amountVnd}`, applied!.id, 'ops-b'],
      ['credit', 'applied', applied!.licenseSeconds, applied!.amountVnd, null, 'engine'],
    ]);
    expect(list[0]!.line.excluded).toEqual([{ reason: 'force_majeure', ref: `F-${declared.body.id}`, seconds: 2 }]);
  });

  it('the exported case file, fed to `sla credits --json`, yields exactly the ledger’s figures', async () => {
    const exported = await viewer.get('/api/v1/contracts/C-1/case');
    expect(exported.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'case-'));
    writeFileSync(join(dir, 'case.json'), JSON.stringify(exported.body));
    let stdout = '';
    const code = await runCli(['credits', 'case.json', '--json'], { stdout: (s) => { stdout += s; }, stderr: () => {}, env: {}, cwd: dir });
    expect(code).toBe(0);
    const statement = JSON.parse(stdout).contracts[0];
    // The ledger's standing figures: every entry not superseded or rejected, reversals included.
    const standing = (await entries()).filter((e) => !['superseded', 'rejected'].includes(e.state));
    const sum = (key: string) => standing.reduce((s, e) => s + BigInt(e[key]), 0n);
    expect(String(sum('amountVnd'))).toBe(statement.totals.amountVnd);
    expect(Number(sum('licenseSeconds'))).toBe(statement.totals.licenseSeconds);
    const proposal = standing.find((e) => e.state === 'proposed')!;
    expect(statement.credits).toEqual([proposal.line]);
    // The statement document as HTML and CSV carries the same line, after the ledger's earlier two (issue #16).
    const html = await viewer.get('/api/v1/contracts/C-1/statement?format=html&lang=en');
    expect(html.body).toContain(`Outage O-${outage.id}`);
    const csv = await viewer.get('/api/v1/contracts/C-1/statement?format=csv');
    const rows = csv.body.split('\r\n').slice(1, -1).map((r: string) => r.split(',').slice(2, 16).join(','));
    expect(rows.at(-1)).toBe(`${proposal.id},credit,outage,O-${outage.id},,proposed,proposed,license,${proposal.line.outageSeconds},${proposal.line.creditableSeconds},force_majeure:${proposal.line.excluded[0].ref}:2,${proposal.line.blocks},${proposal.licenseSeconds},${proposal.amountVnd}`);
    expect(rows.map((r: string) => r.split(',')[5])).toEqual(['applied', 'approved', 'proposed']);
    // The reversal's negative figures are bare numbers, so a spreadsheet sums them (only text gets the ' of issue #16).
    const reversal = standing.find((e) => e.kind === 'reversal')!;
    expect(reversal.amountVnd).toMatch(/^-\d+$/);
    expect(rows[1]!.split(',').slice(-2)).toEqual([reversal.licenseSeconds, reversal.amountVnd]);
  });

  it('announcing a window puts it on the status page, and that announcement is its notice (terms §7)', async () => {
    const starts = Temporal.Now.zonedDateTimeISO('Asia/Ho_Chi_Minh').add({ days: 2 }).with({ hour: 22, minute: 0, second: 0, millisecond: 0, microsecond: 0, nanosecond: 0 });
    const before = t.clock.now(); // the daemon's clock, which the first test moved on
    const created = await opsA.post('/api/v1/maintenance', {
      kind: 'infrastructure', title: 'Network upgrade', components: ['app'], startsAt: starts.toInstant().toString(), endsAt: starts.add({ hours: 1 }).toInstant().toString(),
    });
    expect(created.status).toBe(201);
    expect(created.body.notices).toEqual([{ sentAt: expect.any(String), channel: 'status_page', provenance: 'declared', recordedBy: 'ops-a' }]);
    const sentAt = Date.parse(created.body.notices[0].sentAt);
    expect(sentAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(sentAt).toBeLessThanOrEqual(t.clock.now());
    // Infrastructure work needs 24 h of notice (SLA §C.1): the page's announcement 2 days ahead is enough on its own.
    const { verdicts } = (await viewer.get(`/api/v1/maintenance/${created.body.id}/verdicts`)).body;
    expect(verdicts).toEqual([{ contract: 'C-1', valid: true, violations: [] }]);
    const upcoming = (await (await fetch(`${t.daemon.url}/api/v2/scheduled-maintenances/upcoming.json`)).json()) as { scheduled_maintenances: Array<{ name: string }> };
    expect(upcoming.scheduled_maintenances.map((m) => m.name)).toContain('Network upgrade');
  });

  it('/metrics carries the ledger by state, the excused seconds and the maintenance in progress, naming no contract or customer (issue #6)', async () => {
    const now = t.clock.now();
    const created = await opsA.post('/api/v1/maintenance', {
      kind: 'infrastructure', title: 'Database upgrade', components: ['app'],
      startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), force: true,
    });
    expect(created.status).toBe(201);
    const [verdict] = (await viewer.get(`/api/v1/maintenance/${created.body.id}/verdicts`)).body.verdicts;
    expect(verdict.violations.length).toBeGreaterThan(0); // announced a minute after it began: no notice in time

    const standing = await entries();
    const sumOf = (state: string, key: string) => Number(standing.filter((e) => e.state === state).reduce((s, e) => s + BigInt(e[key]), 0n));
    const sampleIn = (text: string, series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    // The families refresh in the background (metrics/refresh.ts): the window just announced shows within a second or two.
    const text = await waitFor('the ledger and the new window in /metrics', async () => {
      const body = await (await fetch(`${t.daemon.url}/metrics`)).text();
      const fresh = sampleIn(body, 'sla_credits_vnd{state="proposed"}') === sumOf('proposed', 'amountVnd') && sampleIn(body, 'sla_maintenance_window_active{component="app"}') === 1;
      return fresh ? body : undefined;
    }, 10_000);
    const sample = (series: string) => {
      const value = sampleIn(text, series);
      if (value === undefined) throw new Error(`no sample ${series} in /metrics`);
      return value;
    };
    for (const state of ['proposed', 'approved', 'applied']) {
      expect(sample(`sla_credits_vnd{state="${state}"}`)).toBe(sumOf(state, 'amountVnd'));
      expect(sample(`sla_credits_license_seconds{state="${state}"}`)).toBe(sumOf(state, 'licenseSeconds'));
    }
    expect(sumOf('proposed', 'amountVnd')).toBeGreaterThan(0);
    const proposal = standing.find((e) => e.state === 'proposed')!;
    expect(sample('sla_excluded_downtime_seconds{component="app",reason="force_majeure"}')).toBe(proposal.line.excluded[0].seconds);
    expect(sample('sla_excluded_downtime_seconds{component="app",reason="maintenance"}')).toBe(0);
    expect(sample('sla_maintenance_window_active{component="app"}')).toBe(1);
    for (const rule of verdict.violations) expect(sample(`sla_maintenance_window_violations{rule="${rule}"}`)).toBe(1);
    expect(text).not.toContain('C-1');
    expect(text).not.toContain('Khách hàng');
  });
});
