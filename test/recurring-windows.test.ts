import { computeStatement, parseCaseFile } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../daemon/src/cli/main.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

// Issue #16 (SLA §C.1, docs/contract.md §3.1): a nightly backup entered once,
// through the operators' API and CLI, on the real daemon and database. Each
// night is judged and excuses on its own, a skipped night excuses nothing, and
// the exported case file replays to the ledger's figures. The clock stands
// still at NOW: the occurrences up to it are the ones the ledger knows.
const NOW = Date.parse('2026-03-10T09:00:00+07:00');
const yaml = 'components:\n  - { id: app, name: App, tier: core }\n';
const nightly = {
  kind: 'backup',
  title: 'Nightly backup',
  components: ['app'],
  startsAt: '2026-03-01T00:30:00+07:00',
  recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Asia/Ho_Chi_Minh', duration: 'PT3H' },
};

describe.each(testDatabaseKinds())('recurring maintenance windows on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  let viewer: Operator;
  let windowId: number;

  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml, { clock: { now: () => NOW, monotonic: () => performance.now() } });
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    viewer = await operator(t.db.db, t.daemon.url, 'auditor', 'viewer');
    const contract = await ops.post('/api/v1/contracts', {
      id: 'C-1', customer: 'Khách hàng A', annualFeeVnd: '36500000', components: ['app'], creditAs: 'license',
      states: [{ state: 'active', from: '2025-01-01T00:00:00+07:00' }], licenseExpiresAt: '2027-01-01T00:00:00+07:00',
    });
    expect(contract.status).toBe(201);
    // The backup of 4 March overran to 06:30, three hours past its announced end; on 6 March the app was down 01:00–03:00.
    await t.db.db
      .insertInto('outages')
      .values([
        { component_id: 'app', impact: 'major_outage', started_at: new Date('2026-03-04T00:30:00+07:00'), ended_at: new Date('2026-03-04T06:30:00+07:00') },
        { component_id: 'app', impact: 'major_outage', started_at: new Date('2026-03-06T01:00:00+07:00'), ended_at: new Date('2026-03-06T03:00:00+07:00') },
      ])
      .execute();
  });
  afterAll(() => t?.stop());

  const proposed = async () =>
    ((await viewer.get('/api/v1/ledger?contract=C-1&state=proposed')).body.entries as Array<{ ref: string; amountVnd: string; line: { excluded: unknown[] } }>)
      .map((e) => ({ ref: e.ref, amountVnd: e.amountVnd, excluded: e.line.excluded }))
      .sort((a, b) => (a.ref < b.ref ? -1 : 1));

  it.each<{ name: string; body: Record<string, unknown>; reasons: string[] }>([
    { name: 'a rule more often than nightly', body: { ...nightly, recurrence: { ...nightly.recurrence, rrule: 'FREQ=HOURLY' } }, reasons: ["recurrence.rrule: not a window's RRULE (FREQ must be one of DAILY, WEEKLY, MONTHLY, YEARLY: a window recurs at most once a night)"] },
    { name: 'an unknown zone', body: { ...nightly, recurrence: { ...nightly.recurrence, timeZone: 'Asia/Hanoi' } }, reasons: ['recurrence.timeZone: not an IANA time zone'] },
    { name: 'a duration that is not one', body: { ...nightly, recurrence: { ...nightly.recurrence, duration: '3 hours' } }, reasons: ['recurrence.duration: not a duration above zero in days, hours, minutes (PT2H30M)'] },
    { name: 'an end beside the recurrence', body: { ...nightly, endsAt: '2026-03-01T03:30:00+07:00' }, reasons: ['endsAt: not with a recurrence: each occurrence ends its duration after its start'] },
    { name: 'neither end nor recurrence', body: { ...nightly, recurrence: undefined }, reasons: ['endsAt: required, unless the window has a recurrence'] },
  ])('refuses $name, with the reason', async ({ body, reasons }) => {
    const answer = await ops.post('/api/v1/maintenance', body);
    expect(answer.status).toBe(400);
    for (const reason of reasons) expect(answer.body.error.details).toContain(reason);
  });

  it('takes a nightly backup once; its first night is startsAt–endsAt', async () => {
    const created = await ops.post('/api/v1/maintenance', nightly);
    expect(created.status).toBe(201);
    windowId = created.body.id;
    expect(created.body).toMatchObject({
      startsAt: '2026-02-28T17:30:00.000Z',
      endsAt: '2026-02-28T20:30:00.000Z',
      recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Asia/Ho_Chi_Minh', duration: 'PT3H', exdates: [] },
    });
  });

  it('judges each night as a window of its own, under <id>@<local date>', async () => {
    const { verdicts } = (await viewer.get(`/api/v1/maintenance/${windowId}/verdicts?from=2026-03-03T00:00:00%2B07:00&to=2026-03-05T00:00:00%2B07:00`)).body;
    expect(verdicts).toEqual([
      { contract: 'C-1', occurrence: `M-${windowId}@2026-03-03`, valid: true, violations: [] },
      { contract: 'C-1', occurrence: `M-${windowId}@2026-03-04`, valid: true, violations: [] },
    ]);
  });

  it('the ledger excuses each night’s hours only: the overrun is an ordinary outage', async () => {
    expect(await proposed()).toEqual([
      { ref: expect.any(String), amountVnd: '50000', excluded: [{ reason: 'maintenance', ref: `M-${windowId}@2026-03-04`, seconds: 3 * 3600 }] },
    ]);
  });

  it('skips a night from the command line, audited; that night then excuses nothing', async () => {
    let stderr = '';
    const skip = (date: string) =>
      runCli(['maintenance', 'skip', String(windowId), '--body', JSON.stringify({ date })], { stdout: () => {}, stderr: (s) => { stderr += s; }, env: { SLA_URL: t.daemon.url, SLA_TOKEN: ops.token }, cwd: process.cwd() });
    expect(await skip('2026-03-06'), stderr).toBe(0);
    const window = (await viewer.get(`/api/v1/maintenance/${windowId}`)).body;
    expect(window.recurrence.exdates).toEqual(['2026-03-06']);
    const audit = (await viewer.get('/api/v1/audit?entity=maintenance')).body.entries as Array<{ action: string; actor: string; after: unknown }>;
    expect(audit.find((e) => e.action === 'maintenance.skip')).toMatchObject({ actor: 'ops-a', after: { exdates: ['2026-03-06'] } });
    const amounts = (await proposed()).map((e) => e.amountVnd);
    expect(amounts).toEqual(['50000', '50000']);
    const { verdicts } = (await viewer.get(`/api/v1/maintenance/${windowId}/verdicts?from=2026-03-05T00:00:00%2B07:00&to=2026-03-08T00:00:00%2B07:00`)).body;
    expect(verdicts.map((v: { occurrence: string }) => v.occurrence)).toEqual([`M-${windowId}@2026-03-05`, `M-${windowId}@2026-03-07`]);
  });

  it.each<{ name: string; date: string; status: number; reason: string }>([
    { name: 'a date already skipped', date: '2026-03-06', status: 409, reason: 'already skips 2026-03-06' },
    { name: 'a date before the series', date: '2026-02-20', status: 400, reason: 'date: the window has no occurrence on 2026-02-20' },
    { name: 'a date that does not exist', date: '2026-02-30', status: 400, reason: 'date: not a date that exists' },
  ])('refuses to skip $name', async ({ date, status, reason }) => {
    const answer = await ops.post(`/api/v1/maintenance/${windowId}/exceptions`, { date });
    expect(answer.status).toBe(status);
    expect(JSON.stringify(answer.body.error)).toContain(reason);
  });

  it('refuses to skip a date of a window that does not recur', async () => {
    const once = await ops.post('/api/v1/maintenance', { ...nightly, recurrence: undefined, endsAt: '2026-03-01T03:30:00+07:00' });
    const answer = await ops.post(`/api/v1/maintenance/${once.body.id}/exceptions`, { date: '2026-03-01' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual(['date: the window does not recur; cancel it instead']);
  });

  it('exports the recurrence in the case file, which replays to the ledger’s figures', async () => {
    const exported = (await viewer.get('/api/v1/contracts/C-1/case')).body;
    const listed = exported.maintenance.find((w: { id: string }) => w.id === `M-${windowId}`);
    expect(listed).toEqual({ id: `M-${windowId}`, kind: 'backup', components: ['app'], start: '2026-02-28T17:30:00.000Z', notices: [expect.any(String)], recurrence: { ...nightly.recurrence, exdates: ['2026-03-06'] } });
    expect(exported.asOf).toBe(new Date(NOW).toISOString());
    const parsed = parseCaseFile(exported);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const total = computeStatement(parsed.caseFile).contracts[0]!.totals.amountVnd;
    const ledger = (await proposed()).reduce((sum, e) => sum + BigInt(e.amountVnd), 0n);
    expect(total).toBe(ledger);
  });
});
