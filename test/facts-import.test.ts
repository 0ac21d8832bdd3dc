import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../daemon/src/auth/token.repository.ts';
import { runCli } from '../daemon/src/cli/main.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

// Issue #16: `sla facts import case.json` loads a case file's facts into the stores for
// historical data (docs/contract.md §1.5), through the daemon's API, audited as the
// importing admin, all or nothing; importing the same file twice changes nothing.
const NOW = Date.parse('2025-04-01T12:00:00+07:00');
const yaml = 'components:\n  - { id: app, name: App, tier: core }\n  - { id: api, name: API, tier: core }\n';
const history = {
  components: [{ id: 'app', tier: 'core' }],
  contracts: [{ id: 'C-1', annualFeeVnd: '36500000', components: ['app'], creditAs: 'license', states: [{ state: 'deployment', from: '2024-12-01T00:00:00+07:00' }, { state: 'active', from: '2025-01-01T00:00:00+07:00' }] }],
  // 5 h down, one of them under approved force majeure: 4 h, two blocks, 100,000 VND.
  outages: [{ id: 'H-O1', component: 'app', impact: 'major_outage', start: '2025-03-03T09:00:00+07:00', end: '2025-03-03T14:00:00+07:00' }],
  maintenance: [{ id: 'H-M1', kind: 'infrastructure', components: ['app'], start: '2025-03-05T01:00:00+07:00', end: '2025-03-05T03:00:00+07:00', notices: ['2025-03-02T09:00:00+07:00'] }],
  forceMajeure: [{ id: 'H-F1', category: 'power_failure', components: ['app'], start: '2025-03-03T09:00:00+07:00', end: '2025-03-03T10:00:00+07:00', declaredBy: 'ops-x', approvedBy: 'ops-y' }],
  bugs: [{ id: 'H-B1', contract: 'C-1', occurrences: [{ reportedAt: '2025-02-01T09:00:00+07:00', fixedAt: '2025-02-02T09:00:00+07:00' }, { reportedAt: '2025-02-10T09:00:00+07:00' }] }],
  breaches: [{ id: 'H-X1', contract: 'C-1', at: '2025-03-20T10:00:00+07:00', declaredBy: 'ops-x', evidence: 'report R-1' }],
  asOf: '2025-04-01T12:00:00+07:00',
  tickets: [{ id: 'H-T1', contract: 'C-1', class: 'normal', channel: 'email', receivedAt: '2025-03-10T09:00:00+07:00', firstResponseAt: '2025-03-10T09:30:00+07:00' }],
};

describe.each(testDatabaseKinds())('sla facts import on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let admin: Operator;
  let env: Record<string, string>;
  const cwd = mkdtempSync(join(tmpdir(), 'facts-import-'));
  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml, { clock: { now: () => NOW, monotonic: () => performance.now() } });
    admin = await operator(t.db.db, t.daemon.url, 'admin-a', 'admin');
    const created = await admin.post('/api/v1/contracts', { id: 'C-1', customer: 'Khách hàng A', annualFeeVnd: '36500000', components: ['app'], creditAs: 'license', states: [{ state: 'deployment', from: '2024-12-01T00:00:00+07:00' }] });
    expect(created.status).toBe(201);
    env = { SLA_URL: t.daemon.url, SLA_TOKEN: admin.token };
    writeFileSync(join(cwd, 'case.json'), JSON.stringify(history));
  });
  afterAll(() => t?.stop());

  const run = async (args: string[], as = env) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env: as, cwd });
    return { code, stdout, stderr };
  };
  const snapshot = async () => {
    const tables = (await t.db.db.introspection.getTables()).map((table) => table.name).sort();
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = Number((await t.db.db.selectFrom(table as 'outages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { counts, audit: await t.db.db.selectFrom('audit_log').selectAll().orderBy('id').execute(), ledger: await t.db.db.selectFrom('ledger_entries').selectAll().orderBy('id').execute() };
  };
  const entries = async () => (await admin.get('/api/v1/ledger?contract=C-1')).body.entries as Array<Record<string, any>>;

  it('imports every fact the stores hold, audited as the importer, and the ledger follows', async () => {
    const { code, stdout, stderr } = await run(['facts', 'import', 'case.json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual({ contractStates: 1, outages: 1, maintenance: 1, forceMajeure: 1, bugs: 1, bugOccurrences: 2, breaches: 1, tickets: 1, unchanged: 1 });
    const outages = (await admin.get('/api/v1/outages?component=app')).body.outages;
    expect(outages).toMatchObject([{ source: 'operator', startedAt: '2025-03-03T02:00:00.000Z', endedAt: '2025-03-03T07:00:00.000Z' }]);
    const lines = await entries();
    expect(lines.find((e) => e.source === 'outage')).toMatchObject({ ref: `O-${outages[0].id}`, amountVnd: '100000', state: 'proposed', createdBy: 'admin-a' });
    expect(lines.find((e) => e.source === 'repeat_bug')).toMatchObject({ state: 'proposed' });
    expect(lines.some((e) => e.source === 'breach')).toBe(false); // declared, never approved: owes nothing
    const audit = await t.db.db.selectFrom('audit_log').select(['actor', 'action']).where('action', 'like', '%.import').execute();
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(['admin-a']));
    expect(audit.map((a) => a.action).sort()).toEqual(['breach.import', 'bug.import', 'contract.import', 'force_majeure.import', 'maintenance.import', 'ticket.import']);
    const exported = (await admin.get('/api/v1/contracts/C-1/case')).body;
    expect(exported.contracts[0].states).toEqual([{ state: 'deployment', from: '2024-11-30T17:00:00.000Z' }, { state: 'active', from: '2024-12-31T17:00:00.000Z' }]);
    expect(exported.tickets).toHaveLength(1);
    expect(exported.outages[0]).toMatchObject({ recordedBy: 'admin-a' });
  });

  it('importing the same file again changes nothing', async () => {
    const before = await snapshot();
    const { code, stdout } = await run(['facts', 'import', 'case.json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ contractStates: 0, outages: 0, maintenance: 0, forceMajeure: 0, bugs: 0, bugOccurrences: 0, breaches: 0, tickets: 0, unchanged: 8 });
    expect(await snapshot()).toEqual(before);
  });

  it('a bug back again since: only its new occurrence comes in', async () => {
    const later = structuredClone(history);
    later.bugs[0]!.occurrences.push({ reportedAt: '2025-03-15T09:00:00+07:00' } as never);
    writeFileSync(join(cwd, 'later.json'), JSON.stringify(later));
    expect(JSON.parse((await run(['facts', 'import', 'later.json'])).stdout)).toMatchObject({ bugs: 0, bugOccurrences: 1, unchanged: 7 });
  });

  it('a recurring window comes in with its rule, not as its first night, and a delivered notice stays delivered (issues #15, #16)', async () => {
    const recurring = structuredClone(history) as Record<string, unknown>;
    recurring.maintenance = [{ id: 'H-M2', kind: 'backup', components: ['app'], start: '2025-03-01T00:30:00+07:00', recurrence: { rrule: 'FREQ=DAILY;COUNT=3', timeZone: 'Asia/Ho_Chi_Minh', duration: 'PT2H' }, notices: [{ at: '2025-02-27T09:00:00+07:00', provenance: 'delivered' }, '2025-02-28T09:00:00+07:00'] }];
    writeFileSync(join(cwd, 'recurring.json'), JSON.stringify(recurring));
    const { code, stdout, stderr } = await run(['facts', 'import', 'recurring.json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toMatchObject({ maintenance: 1 });
    const window = await t.db.db.selectFrom('maintenance_windows').selectAll().where('external_ref', '=', 'H-M2').executeTakeFirstOrThrow();
    expect([window.rrule, window.time_zone, window.duration]).toEqual(['FREQ=DAILY;COUNT=3', 'Asia/Ho_Chi_Minh', 'PT2H']);
    const notices = await t.db.db.selectFrom('maintenance_notices').select(['sent_at', 'provenance']).where('window_id', '=', window.id).orderBy('sent_at').execute();
    expect(notices.map((n) => n.provenance)).toEqual(['delivered', 'declared']);
  });

  it('refuses, all or nothing, what does not fit the stored facts, naming each problem by its path', async () => {
    const before = await snapshot();
    const changed = structuredClone(history);
    changed.outages[0]!.end = '2025-03-03T15:00:00+07:00';
    changed.outages.push({ id: 'H-O2', component: 'app', impact: 'major_outage', start: '2025-03-03T13:00:00+07:00', end: '2025-03-03T16:00:00+07:00' });
    changed.contracts.push({ id: 'C-9', annualFeeVnd: '1000', components: ['app'], creditAs: 'license', states: [] });
    changed.tickets.push({ id: 'H-T2', contract: 'C-9', class: 'normal', channel: 'email', receivedAt: '2025-03-10T09:00:00+07:00' } as never);
    writeFileSync(join(cwd, 'changed.json'), JSON.stringify(changed));
    const { code, stdout, stderr } = await run(['facts', 'import', 'changed.json']);
    expect([code, stdout]).toEqual([2, '']);
    const outageId = (await admin.get('/api/v1/outages?component=app')).body.outages[0].id;
    expect(stderr.split('\n')).toEqual([
      "400: the case file does not fit the stored facts; nothing was imported",
      'changed.json: contracts[1].id: no contract "C-9" in the daemon: create it first (sla contracts create); a case file has no customer',
      `changed.json: outages[0]: "H-O1" was imported before with other values; a case file's id is one fact, never edited by an import`,
      `changed.json: outages[1]: overlaps outage ${outageId} on app (2025-03-03T02:00:00.000Z – 2025-03-03T07:00:00.000Z); no minute is credited twice`,
      '',
    ]);
    expect(await snapshot()).toEqual(before);
    writeFileSync(join(cwd, 'invalid.json'), JSON.stringify({ ...history, outages: [{ ...history.outages[0], end: '2025-03-03T08:00:00+07:00' }] }));
    const invalid = await run(['facts', 'import', 'invalid.json']);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^invalid\.json: outages\[0\]\.end: /m);
  });

  it('is for an admin: an operator may not write approvals made elsewhere (403)', async () => {
    const ops = { ...env, SLA_TOKEN: await createToken(t.db.db, 'ops-a', 'operator') };
    const { code, stderr } = await run(['facts', 'import', 'case.json'], ops);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^403: /);
  });
});
