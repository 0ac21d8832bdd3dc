import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../daemon/src/auth/token.repository.ts';
import { runCli } from '../daemon/src/cli/main.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

/** Issue #4: the command line mirrors the operators' API for scripts, through the same routes and checks. */
describe('sla contracts|fm|ledger|… against a running daemon', () => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let env: Record<string, string>;
  let approverEnv: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'sla-cli-'));
  beforeAll(async () => {
    t = await startTestDaemon('pglite', 'components:\n  - { id: app, name: App, tier: core }\n');
    env = { SLA_URL: t.daemon.url, SLA_TOKEN: await createToken(t.db.db, 'ops-a', 'operator') };
    approverEnv = { SLA_URL: t.daemon.url, SLA_TOKEN: await createToken(t.db.db, 'ops-b', 'approver') };
  });
  afterAll(() => t?.stop());

  const sla = async (args: string[], e = env) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env: e, cwd: dir });
    return { code, stdout, stderr };
  };

  it('creates a contract from a file and shows it', async () => {
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ id: 'C-9', customer: 'Cty B', annualFeeVnd: '7300000', components: ['app'] }));
    const created = await sla(['contracts', 'create', '--file', 'c.json']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(created.stdout)).toMatchObject({ id: 'C-9', creditAs: 'license', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(JSON.parse((await sla(['contracts', 'show', 'C-9'])).stdout).customer).toBe('Cty B');
  });

  it('reports the API’s refusal on stderr with exit 2 and nothing on stdout', async () => {
    const bad = await sla(['contracts', 'state', 'C-9', '--body', '{"state":"frozen","effectiveAt":"2025-01-01"}']);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: '400: invalid body\nstate: must be one of deployment, active, paused\neffectiveAt: must be an ISO-8601 instant with an offset or Z\n' });
  });

  it('declares force majeure as one operator and refuses the same person’s approval', async () => {
    const declared = JSON.parse((await sla(['fm', 'declare', '--body', '{"category":"power_failure","description":"Grid","evidence":"EVN notice","startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-01-01T02:00:00Z"}'])).stdout);
    const self = await sla(['fm', 'approve', String(declared.id)], { ...env, SLA_TOKEN: env.SLA_TOKEN! });
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/^403: this needs the approver role; ops-a is operator/);
    const approved = await sla(['fm', 'approve', String(declared.id)], approverEnv);
    expect(JSON.parse(approved.stdout)).toMatchObject({ approvedBy: 'ops-b' });
  });

  it('lists the ledger with query options and explains usage on a bad action', async () => {
    expect(JSON.parse((await sla(['ledger', 'list', '--contract', 'C-9', '--state', 'proposed'])).stdout)).toEqual({ entries: [] });
    const usage = await sla(['ledger', 'frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('sla ledger approve ID');
  });

  it('exits 1 when the daemon cannot be reached', async () => {
    const down = await sla(['contracts', 'list'], { SLA_URL: 'http://127.0.0.1:9', SLA_TOKEN: 'x' });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot reach the daemon at http://127.0.0.1:9');
  });
});
