import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../daemon/src/cli/main.ts';
import { createToken } from '../daemon/src/auth/token.repository.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator, type Operator } from './support/operator-client.ts';

const HOUR = 3_600_000;
/** Midnight in Ho Chi Minh City (17:00 UTC) `hours` or more from `now`: inside every kind's allowed hours. */
const nightAfter = (now: number, hours: number) => {
  const at = now + hours * HOUR;
  const day = Math.floor(at / (24 * HOUR)) * 24 * HOUR + 17 * HOUR;
  return day >= at ? day : day + 24 * HOUR;
};

// Issue #15, docs/contract.md §3.1: a window too soon for the notice its kind
// needs is refused at creation, saying the rule and the earliest start that
// works, and nothing is saved — unless the operator forces it.
describe.each(testDatabaseKinds())('a window created too late for its notice, on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let ops: Operator;
  beforeAll(async () => {
    t = await startTestDaemon(kind, 'components:\n  - { id: web, name: Web, tier: core }\n');
    ops = await operator(t.db.db, t.daemon.url, 'ops-a', 'operator');
    expect((await ops.post('/api/v1/contracts', { id: 'C-1', customer: 'Customer', annualFeeVnd: '73000000', components: ['web'] })).status).toBe(201);
  });
  afterAll(() => t?.stop());
  const windows = async () => (await t.db.db.selectFrom('maintenance_windows').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
  const window = (kind: string, startsAt: number, over: Record<string, unknown> = {}) => ({
    kind, title: 'Upgrade', components: ['web'], startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + HOUR).toISOString(), ...over,
  });

  it.each([
    { kind: 'infrastructure', hours: 20, rule: 'infrastructure needs a notice ≥ 24 h before the start', lead: 24 },
    { kind: 'version_upgrade', hours: 50, rule: 'version upgrade needs a notice ≥ 72 h before the start', lead: 72 },
  ])('$kind starting in under its lead: 409 with the rule and the earliest start, nothing saved', async ({ kind, hours, rule, lead }) => {
    const before = await windows();
    // Held: the earliest start the answer names is the daemon's now plus the lead, to the millisecond.
    await t.clock.hold(async () => {
      const now = t.clock.now();
      const refused = await ops.post('/api/v1/maintenance', window(kind, now + hours * HOUR));
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe('too late to give the notice this window needs');
      expect(refused.body.error.details).toEqual([
        `startsAt: ${rule} (SLA §C.1, docs/contract.md §3.1); with notice given now the earliest start is ${new Date(now + lead * HOUR).toISOString()}; send force: true to create it anyway`,
      ]);
    });
    expect(await windows()).toBe(before);
  });

  it('with force: true, saves it, and its verdict says notice_too_late as before', async () => {
    const created = await ops.post('/api/v1/maintenance', window('infrastructure', t.clock.now() + 2 * HOUR, { force: true }));
    expect(created.status).toBe(201);
    expect(created.body.notices).toEqual([{ sentAt: expect.any(String), channel: 'status_page', provenance: 'declared', recordedBy: 'ops-a' }]);
    const { verdicts } = (await ops.get(`/api/v1/maintenance/${created.body.id}/verdicts`)).body;
    expect(verdicts[0].violations).toContain('notice_too_late');
  });

  it('a kind that needs no notice, or one far enough ahead, is created as before', async () => {
    expect((await ops.post('/api/v1/maintenance', window('backup', nightAfter(t.clock.now(), 1)))).status).toBe(201);
    expect((await ops.post('/api/v1/maintenance', window('infrastructure', nightAfter(t.clock.now(), 25)))).status).toBe(201);
  });

  it('shows each notice’s provenance: an operator’s record is declared', async () => {
    const created = await ops.post('/api/v1/maintenance', window('infrastructure', nightAfter(t.clock.now(), 30)));
    const noticed = await ops.post(`/api/v1/maintenance/${created.body.id}/notices`, { sentAt: new Date(t.clock.now()).toISOString(), channel: 'email' });
    expect(noticed.status).toBe(201);
    expect((await ops.get(`/api/v1/maintenance/${created.body.id}`)).body.notices.map((n: { channel: string; provenance: string }) => [n.channel, n.provenance])).toEqual([
      ['status_page', 'declared'],
      ['email', 'declared'],
    ]);
  });

  it('sla maintenance create --force sends force: true', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-force-'));
    writeFileSync(join(dir, 'window.json'), JSON.stringify(window('infrastructure', t.clock.now() + 2 * HOUR)));
    const env = { SLA_URL: t.daemon.url, SLA_TOKEN: await createToken(t.db.db, 'ops-cli', 'operator') };
    const run = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env, cwd: dir });
      return { code, stdout, stderr };
    };
    const refused = await run(['maintenance', 'create', '--file', 'window.json']);
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([2, '409: too late to give the notice this window needs']);
    const forced = await run(['maintenance', 'create', '--file', 'window.json', '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).createdBy).toBe('ops-cli');
  });
});
