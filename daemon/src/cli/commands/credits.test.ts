import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../main.ts';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {}, cwd });
  return { code, stdout, stderr };
}

const scenarios = join(import.meta.dirname, '../../../../shared/testdata/scenarios');
const scenario = (name: string) => readFileSync(join(scenarios, name), 'utf8');

describe('sla credits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-credits-'));
  const caseFile = JSON.parse(scenario('02-maintenance.json'));
  writeFileSync(join(dir, 'case.json'), JSON.stringify(caseFile));
  writeFileSync(join(dir, 'case.yaml'), stringify(caseFile));
  mkdirSync(join(dir, 'sub'));
  mkdirSync(join(dir, 'folder.json'));
  const broken = structuredClone(caseFile);
  broken.outages[1].end = '2025-03-12T21:00:00+07:00';
  broken.outages[0].component = 'api';
  broken.contracts[0].annualFeeVnd = 36500000;
  writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
  writeFileSync(join(dir, 'syntax.json'), '{ "components": [ }');
  writeFileSync(join(dir, 'syntax.yaml'), 'components: [\n');
  writeFileSync(join(dir, 'case.txt'), 'hello');

  it('--json prints exactly the documented statement', async () => {
    expect(await run(['credits', 'case.json', '--json'], dir)).toEqual({ code: 0, stdout: scenario('02-maintenance.expected.json'), stderr: '' });
  });

  it('reads YAML to the same statement', async () => {
    expect(await run(['credits', '--json', 'case.yaml'], dir)).toEqual({ code: 0, stdout: scenario('02-maintenance.expected.json'), stderr: '' });
  });

  it('resolves the path against the working directory', async () => {
    expect((await run(['credits', '../case.json', '--json'], join(dir, 'sub'))).code).toBe(0);
  });

  it('prints a statement a person reads by default', async () => {
    const { code, stdout, stderr } = await run(['credits', 'case.json'], dir);
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.split('\n');
    expect(lines).toContain('Contract C-1: paid as extra license time; times in Asia/Ho_Chi_Minh');
    expect(lines).toContain('      excluded 4 h: valid maintenance window M-ok (SLA §C.1, docs/contract.md §3.1)');
    expect(lines).toContain('      notice_too_late: notices came, but none early enough; infrastructure needs one ≥ 24 h before the start');
    expect(lines).toContain('  Total: 1 day 12 h of license = 150.000\u00a0₫');
  });

  it('invalid input: exit 2, nothing on stdout, one line per problem naming its path', async () => {
    expect(await run(['credits', 'broken.json', '--json'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'contracts[0].annualFeeVnd: must be a string, not number 36500000\n' +
        'outages[0].component: unknown component "api"\n' +
        'outages[1].end: before start\n',
    });
  });

  it.each([
    { name: 'a missing file', file: 'nope.json', message: 'nope.json: cannot read case file: no such file' },
    { name: 'a directory', file: 'folder.json', message: 'folder.json: cannot read case file: is a directory' },
    { name: 'a file that is not JSON', file: 'syntax.json', message: 'syntax.json: not valid JSON: ' },
    { name: 'a file that is not YAML', file: 'syntax.yaml', message: 'syntax.yaml: not valid YAML: ' },
    { name: 'neither extension', file: 'case.txt', message: 'case.txt: not a case file: expected a .json, .yaml or .yml file' },
  ])('$name: exit 2 with a clear message', async ({ file, message }) => {
    const { code, stdout, stderr } = await run(['credits', file], dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each([[[]], [['a.json', 'b.json']], [['--jsn', 'case.json']]])('usage error for %j', async (args) => {
    expect(await run(['credits', ...args], dir)).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^usage: sla credits CASE.json\|CASE.yaml \[--json\]\n/) });
  });

  // docs/contract.md §1.5: one more fact against the facts of a case file, offline.
  it('--what-if FACT CASE: the lines one more fact changes, and the totals', async () => {
    writeFileSync(join(dir, 'fact.json'), JSON.stringify({ outages: [{ id: 'O-new', component: 'app', impact: 'major_outage', start: '2025-03-20T09:00:00+07:00', end: '2025-03-20T13:00:00+07:00' }] }));
    const { code, stdout, stderr } = await run(['credits', 'case.json', '--what-if', 'fact.json', '--json'], dir);
    expect([code, stderr]).toEqual([0, '']);
    const [contract] = JSON.parse(stdout).contracts;
    expect(contract.lines).toEqual([{ source: 'outage', ref: 'O-new', before: null, after: contract.lines[0].after, difference: contract.lines[0].after }]);
    expect(BigInt(contract.totals.after.amountVnd) - BigInt(contract.totals.before.amountVnd)).toBe(BigInt(contract.totals.difference.amountVnd));
  });

  it('--what-if needs exactly one of a case file and --contract', async () => {
    for (const args of [['credits', '--what-if', 'fact.json'], ['credits', 'case.json', '--what-if', 'fact.json', '--contract', 'C-1'], ['credits', 'case.json', '--contract', 'C-1'], ['credits', 'case.json', '--what-if']])
      expect(await run(args, dir), args.join(' ')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('usage: sla credits') });
  });
});
