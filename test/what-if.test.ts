import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../daemon/src/auth/token.repository.ts';
import { runCli } from '../daemon/src/cli/main.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator } from './support/operator-client.ts';

// Issue #16: `sla credits --what-if FACT --contract ID` answers "what would this fact
// change" against the daemon's stored facts (docs/contract.md §1.5) and saves nothing.
const NOW = Date.parse('2027-03-10T12:00:00+07:00');
const yaml = 'components:\n  - { id: app, name: App, tier: core }\n';

describe.each(testDatabaseKinds())('sla credits --what-if on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let env: Record<string, string>;
  const cwd = mkdtempSync(join(tmpdir(), 'what-if-'));
  beforeAll(async () => {
    t = await startTestDaemon(kind, yaml, { clock: { now: () => NOW, monotonic: () => performance.now() } });
    const ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    // 36,500,000 a year: one 2-hour block is 50,000 VND.
    expect((await ops.post('/api/v1/contracts', { id: 'C-1', customer: 'Khách hàng A', annualFeeVnd: '36500000', components: ['app'], creditAs: 'license', states: [{ state: 'active', from: '2027-01-01T00:00:00+07:00' }] })).status).toBe(201);
    // Stored: 5 h down on 2027-03-01 09:00–14:00, two blocks.
    const recorded = await ops.post('/api/v1/outages', { start: '2027-03-01T09:00:00+07:00', end: '2027-03-01T14:00:00+07:00', components: ['app'], impact: 'major_outage', reason: 'seen by the customer', evidence: 'ticket T-1' });
    expect(recorded.status).toBe(201);
    env = { SLA_URL: t.daemon.url, SLA_TOKEN: await createToken(t.db.db, 'auditor', 'viewer') };
    writeFileSync(join(cwd, 'fm.json'), JSON.stringify({ forceMajeure: [{ id: 'F-what-if', category: 'power_failure', components: ['app'], start: '2027-03-01T09:00:00+07:00', end: '2027-03-01T11:00:00+07:00', declaredBy: 'ops-a', approvedBy: 'ops-b' }] }));
    writeFileSync(join(cwd, 'outage.json'), JSON.stringify({ outages: [{ id: 'O-what-if', component: 'app', impact: 'major_outage', start: '2027-03-02T09:00:00+07:00', end: '2027-03-02T13:00:00+07:00' }] }));
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ outages: [{ id: 'O-bad', component: 'nope', impact: 'major_outage', start: '2027-03-02T09:00:00+07:00', end: '2027-03-02T08:00:00+07:00' }], tickets: [] }));
  });
  afterAll(() => t?.stop());

  const run = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env, cwd });
    return { code, stdout, stderr };
  };

  /** Every table's row count, and the audit log and ledger as rows: what "nothing saved" means. */
  const snapshot = async () => {
    const tables = (await t.db.db.introspection.getTables()).map((table) => table.name).sort();
    expect(tables).toContain('outages');
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = Number((await t.db.db.selectFrom(table as 'outages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const ledger = await t.db.db.selectFrom('ledger_entries').selectAll().orderBy('id').execute();
    return { counts, audit, ledger };
  };

  it('a force majeure over two of the outage’s hours: one block less, per line and in total; nothing saved', async () => {
    const before = await snapshot();
    expect(before.ledger.map((e) => e.amount_vnd)).toEqual(['100000']);
    const { code, stdout, stderr } = await run(['credits', '--what-if', 'fm.json', '--contract', 'C-1', '--json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual({
      contracts: [{
        id: 'C-1',
        lines: [{ source: 'outage', ref: 'O-1', before: { licenseSeconds: 86_400, amountVnd: '100000' }, after: { licenseSeconds: 43_200, amountVnd: '50000' }, difference: { licenseSeconds: -43_200, amountVnd: '-50000' } }],
        totals: { before: { licenseSeconds: 86_400, amountVnd: '100000' }, after: { licenseSeconds: 43_200, amountVnd: '50000' }, difference: { licenseSeconds: -43_200, amountVnd: '-50000' } },
      }],
    });
    expect(await snapshot()).toEqual(before);
  });

  it('an outage seen elsewhere: a new line, for a person to read', async () => {
    const before = await snapshot();
    const { code, stdout } = await run(['credits', '--what-if', 'outage.json', '--contract', 'C-1']);
    expect(code).toBe(0);
    expect(stdout).toContain('What if O-what-if were added to the stored facts (nothing is saved):');
    expect(stdout).toContain('  new      outage O-what-if: 1 day of license = 100.000\u00a0₫');
    expect(stdout).toContain('  Total: 1 day of license = 100.000\u00a0₫ → 2 days of license = 200.000\u00a0₫ (+1 day of license, +100.000\u00a0₫)');
    expect(await snapshot()).toEqual(before);
  });

  it('problems are reported by their path in the fact file (exit 2)', async () => {
    const { code, stdout, stderr } = await run(['credits', '--what-if', 'bad.json', '--contract', 'C-1']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe('bad.json: tickets: not a fact list (one of outages, maintenance, forceMajeure, bugs, breaches)\n');
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ outages: [{ id: 'O-bad', component: 'nope', impact: 'major_outage', start: '2027-03-02T09:00:00+07:00', end: '2027-03-02T08:00:00+07:00' }] }));
    const second = await run(['credits', '--what-if', 'bad.json', '--contract', 'C-1']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^bad\.json: outages\[0\]\.end: /m);
    expect(second.stderr).toMatch(/^bad\.json: outages\[0\]\.component: /m);
    expect((await run(['credits', '--what-if', 'fm.json', '--contract', 'C-404'])).stderr).toBe('404: no contract C-404\n');
  });
});
