import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../daemon/src/auth/token.repository.ts';
import { runCli } from '../daemon/src/cli/main.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

// Issue #13: examples/README.md's tour is run here line by line, so its bodies
// and commands cannot drift from the API. The clock and outage 1 are the ones
// the tour's text states.
const repo = join(import.meta.dirname, '..');
const NOW = Date.parse('2026-03-02T09:00:00+07:00');
const yaml = 'components:\n  - { id: web, name: Web application, tier: core }\n  - { id: billing, name: Billing, tier: core }\n';

/** The `npx -y pnpm@10 sla …` lines of the tour, with who runs them and where their output goes. */
function tourLines(): Array<{ approver: boolean; args: string[]; into?: string }> {
  const readme = readFileSync(join(repo, 'examples/README.md'), 'utf8');
  const block = readme.split('## The tour')[1]!.split('```sh\n')[1]!.split('```')[0]!;
  return block
    .trim()
    .split('\n')
    .map((line) => {
      const m = /^(SLA_TOKEN=\$APPROVER_TOKEN )?npx -y pnpm@10 sla (.+?)(?: > (\S+))?$/.exec(line);
      if (m === null) throw new Error(`not a tour line: ${line}`);
      return { approver: m[1] !== undefined, args: m[2]!.split(' '), into: m[3] };
    });
}

describe.each(testDatabaseKinds())('examples/README.md tour on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  const cwd = mkdtempSync(join(tmpdir(), 'sla-tour-'));
  const outputs: string[] = [];
  beforeAll(async () => {
    symlinkSync(join(repo, 'examples'), join(cwd, 'examples'));
    t = await startTestDaemon(kind, yaml, { clock: { now: () => NOW, monotonic: () => performance.now() } });
    await t.db.db
      .insertInto('outages')
      .values({ component_id: 'billing', impact: 'partial_outage', started_at: new Date('2026-02-10T07:00:00+07:00'), ended_at: new Date('2026-02-10T13:00:00+07:00') })
      .execute();
    const env = { SLA_URL: t.daemon.url, SLA_TOKEN: await createToken(t.db.db, 'ops-a', 'operator') };
    const approverEnv = { ...env, SLA_TOKEN: await createToken(t.db.db, 'ops-b', 'approver') };
    let proposed: string[] = [];
    for (const line of tourLines()) {
      // The approver approves the ids the list before showed (the tour says so).
      const args = line.args.map((a) => (/^LEDGER_\d$/.test(a) ? proposed[Number(a.slice(7)) - 1] ?? a : a));
      let stdout = '';
      let stderr = '';
      const code = await runCli(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env: line.approver ? approverEnv : env, cwd });
      if (code !== 0) throw new Error(`sla ${args.join(' ')} → exit ${code}\n${stderr}`);
      if (line.into) writeFileSync(join(cwd, line.into), stdout);
      if (args[0] === 'ledger' && args[1] === 'list') proposed = JSON.parse(stdout).entries.map((e: { id: number | string }) => String(e.id));
      outputs.push(stdout);
    }
  });
  afterAll(() => t?.stop());

  const output = (command: string) => {
    const index = tourLines().findIndex((l) => l.args.slice(0, 2).join(' ') === command);
    return outputs[index]!;
  };

  it('judges the announced window valid', () => {
    expect(JSON.parse(output('maintenance verdicts')).verdicts).toEqual([{ contract: 'C-1', valid: true, violations: [] }]);
  });

  it('proposes the outage credit and the fine the tour names', () => {
    const entries = JSON.parse(output('ledger list')).entries;
    expect(entries.map((e: any) => [e.source, e.amountVnd])).toEqual([
      ['outage', '100000'],
      ['repeat_bug', '500000'],
    ]);
  });

  it('renews for the fee less the approved credits', () => {
    expect(JSON.parse(output('renewals create'))).toMatchObject({ contract: 'C-1', feeVnd: '73000000', deductionVnd: '600000', amountVnd: '72400000' });
  });

  it('approves the breach as the second person (docs/contract.md §1.3)', () => {
    expect(JSON.parse(output('breaches approve'))).toMatchObject({ id: 1, contract: 'C-1', declaredBy: 'ops-a', approvedBy: 'ops-b' });
  });

  it('records the outage the probes could not see, marked as the operator’s (docs/contract.md §1.5)', () => {
    const [outage, ...rest] = JSON.parse(output('outages record')).outages;
    expect(rest).toEqual([]);
    expect(outage).toMatchObject({ id: 2, component: 'web', source: 'operator', recordedBy: 'ops-a', startedAt: '2026-02-20T02:00:00.000Z', endedAt: '2026-02-20T06:00:00.000Z' });
  });

  it('shows the ticket’s deadlines: the Friday-evening e-mail answered Monday 08:15 met its working hour', () => {
    const [ticket] = JSON.parse(output('tickets list')).tickets;
    expect(ticket.deadlines).toEqual([
      { deadline: 'first_response', dueAt: '2026-03-02T01:55:00.000Z', outcome: 'met' },
      { deadline: 'acknowledge', dueAt: '2026-03-03T01:30:00.000Z', outcome: 'met' },
      { deadline: 'resolve', dueAt: '2026-03-11T01:30:00.000Z', outcome: 'pending', secondsLeft: 9 * 86_400 - 30 * 60 },
    ]);
  });

  it('replays the ticket from the exported case file, read at the export’s instant', () => {
    const statement = output('credits case.json');
    expect(statement).toContain('  Tickets, as of 2026-03-02 09:00');
    expect(statement).toContain('      first response by 2026-03-02 08:55: met');
    expect(statement).toContain('      resolve by 2026-03-11 08:30: pending, 8 days 23 h 30 min left');
  });

  it('replays the same figures from the exported case file', () => {
    const statement = output('credits case.json');
    expect(statement).toMatch(/outage O-1: 6 h down, 2 h creditable, 1 block of 2 h: 12 h of license = 100\.000\u00a0₫/);
    expect(statement).toMatch(/bug B-1 back again, occurrence 2: .* = 500\.000\u00a0₫/);
    expect(statement).toContain('M-1: infrastructure 2026-03-04 01:00 to 2026-03-04 03:00, valid');
    expect(statement).toContain('confidentiality breach BR-1: value 18.200.000\u00a0₫ + refund 54.800.000\u00a0₫ = 73.000.000\u00a0₫, paid as money');
    expect(statement).toMatch(/outage O-2 \(recorded by ops-a\): 4 h down, 4 h creditable, 2 blocks of 2 h: 1 day of license = 200\.000\u00a0₫/);
    expect(statement).toMatch(/Total: 4 days of license = 73\.800\.000\u00a0₫/);
    // Issue #16: the nightly backup up to the export's instant, night by night, without the skipped one.
    expect(statement).toContain('M-2@2026-02-28: backup 2026-02-28 00:30 to 2026-02-28 02:30, valid');
    expect(statement).toContain('M-2@2026-03-02: backup 2026-03-02 00:30 to 2026-03-02 02:30, valid');
    expect(statement).not.toContain('M-2@2026-03-01');
  });
});
