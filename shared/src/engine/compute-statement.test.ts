import { describe, expect, it } from 'vitest';
import type { CaseFileInput } from '../case-file/schema.ts';
import { baseCase, H, majorOutage, run, runOne, vn } from './fixtures.ts';
import type { OutageCredit } from './statement.ts';

const outageLines = (input: CaseFileInput, id = 'C-1') =>
  runOne(input, id).credits.filter((l): l is OutageCredit => l.source === 'outage');

// docs/case-file.md: a line for every covering contract for which the outage is very critical (docs/contract.md §1.1).
describe('which outages make lines', () => {
  it.each<{ name: string; outage: Record<string, unknown>; lines: number }>([
    { name: 'core, major outage', outage: majorOutage('O', '2025-03-03T09:00', '2025-03-03T14:00'), lines: 1 },
    { name: 'core, partial outage', outage: { ...majorOutage('O', '2025-03-03T09:00', '2025-03-03T14:00'), impact: 'partial_outage' }, lines: 0 },
    { name: 'raised to very critical', outage: { ...majorOutage('O', '2025-03-03T09:00', '2025-03-03T14:00'), impact: 'degraded', class: 'very_critical' }, lines: 1 },
    { name: 'lowered to critical', outage: { ...majorOutage('O', '2025-03-03T09:00', '2025-03-03T14:00'), class: 'critical' }, lines: 0 },
    { name: 'a component the contract does not cover', outage: majorOutage('O', '2025-03-03T09:00', '2025-03-03T14:00', 'db'), lines: 0 },
  ])('$name → $lines line(s)', ({ outage, lines }) => {
    expect(outageLines(baseCase({ outages: [outage as never] }))).toHaveLength(lines);
  });

  it('shows a line with nothing owed when everything is excluded', () => {
    const input = baseCase({
      outages: [majorOutage('O', '2025-03-03T09:00', '2025-03-03T10:00')],
      forceMajeure: [{ id: 'F', category: 'legal', start: vn('2025-03-03T00:00'), end: vn('2025-03-04T00:00'), declaredBy: 'a', approvedBy: 'b' }],
    });
    expect(outageLines(input)[0]).toMatchObject({ outageSeconds: H, creditableSeconds: 0, blocks: '0', amountVnd: 0n });
  });

  it('makes one line per covering contract, each at its own fee', () => {
    const input = baseCase({ outages: [majorOutage('O', '2025-03-03T09:00', '2025-03-03T13:00')] });
    input.contracts!.push({ ...input.contracts![0]!, id: 'C-2', annualFeeVnd: '73000000' });
    const byId = run(input);
    expect(byId.get('C-1')!.totals.amountVnd * 2n).toBe(byId.get('C-2')!.totals.amountVnd);
  });
});

// docs/contract.md §1.4 and §6; docs/case-file.md: not_active ref = state name, before_policy ref = policy version.
describe('state and policy exclusions', () => {
  it('an outage across deployment → active → paused: one not_active entry per state', () => {
    const input = baseCase({ outages: [majorOutage('O', '2025-03-03T00:00', '2025-03-03T12:00')] });
    input.contracts![0]!.states = [
      { state: 'active', from: vn('2025-03-03T02:00') },
      { state: 'paused', from: vn('2025-03-03T05:00') },
      { state: 'active', from: vn('2025-03-03T06:00') },
      { state: 'paused', from: vn('2025-03-03T10:00') },
    ];
    expect(outageLines(input)[0]!.excluded).toEqual([
      { reason: 'not_active', ref: 'deployment', seconds: 2 * H },
      { reason: 'not_active', ref: 'paused', seconds: 3 * H },
    ]);
  });
  it('before the policy takes effect, with the policy version as ref', () => {
    const input = baseCase({
      policy: { version: 'sla-v2', effectiveFrom: vn('2025-03-03T10:00') },
      outages: [majorOutage('O', '2025-03-03T09:00', '2025-03-03T14:00')],
    });
    expect(outageLines(input)[0]!.excluded).toEqual([{ reason: 'before_policy', ref: 'sla-v2', seconds: H }]);
  });
  it('not_active wins over maintenance on shared seconds, and nothing is excluded twice', () => {
    const input = baseCase({
      outages: [majorOutage('O', '2025-03-10T21:00', '2025-03-11T03:00')],
      maintenance: [{ id: 'M', kind: 'minor_update', components: ['app'], start: vn('2025-03-10T20:00'), end: vn('2025-03-11T02:00') }],
    });
    input.contracts![0]!.states!.push({ state: 'paused', from: vn('2025-03-11T00:00') });
    const line = outageLines(input)[0]!;
    expect(line.excluded).toEqual([
      { reason: 'not_active', ref: 'paused', seconds: 3 * H },
      { reason: 'maintenance', ref: 'M', seconds: 3 * H },
    ]);
    expect(line.creditableSeconds).toBe(0);
  });
});

// docs/contract.md §3.2: approved by a second operator (a setting); no components = all.
describe('force majeure', () => {
  const withEvent = (event: Record<string, unknown>, policy = {}) =>
    outageLines(
      baseCase({
        policy,
        outages: [majorOutage('O', '2025-04-01T08:00', '2025-04-01T12:00')],
        forceMajeure: [{ id: 'F', category: 'power_failure', start: vn('2025-04-01T09:00'), end: vn('2025-04-01T11:00'), declaredBy: 'ops-a', ...event } as never],
      }),
    )[0]!.excluded;
  it.each([
    { name: 'approved by another operator', event: { approvedBy: 'ops-b' }, policy: {}, excluded: 2 * H },
    { name: 'not approved', event: {}, policy: {}, excluded: 0 },
    { name: 'self-approved', event: { approvedBy: 'ops-a' }, policy: {}, excluded: 0 },
    { name: 'self-approved, second approver not required', event: { approvedBy: 'ops-a' }, policy: { forceMajeureNeedsSecondApprover: false }, excluded: 2 * H },
    { name: 'without components: covers app too', event: { approvedBy: 'ops-b' }, policy: {}, excluded: 2 * H },
    { name: 'listing only db: not app', event: { approvedBy: 'ops-b', components: ['db'] }, policy: {}, excluded: 0 },
  ])('$name → $excluded s excluded', ({ event, policy, excluded }) => {
    expect(withEvent(event, policy).reduce((s, e) => s + e.seconds, 0)).toBe(excluded);
  });
});

// docs/contract.md §3.1: only valid windows exclude, only for the components they list, judged per contract zone.
describe('maintenance', () => {
  const window = { id: 'M', kind: 'infrastructure' as const, start: vn('2025-03-10T22:00'), end: vn('2025-03-11T02:00'), notices: [vn('2025-03-08T10:00')] };
  const outage = majorOutage('O', '2025-03-10T21:00', '2025-03-11T03:00');
  it.each([
    { name: 'valid, listing app', components: ['app'], notices: window.notices, excluded: 4 * H },
    { name: 'valid, listing only db', components: ['db'], notices: window.notices, excluded: 0 },
    { name: 'invalid (notice missing)', components: ['app'], notices: [], excluded: 0 },
  ])('$name → $excluded s excluded', ({ components, notices, excluded }) => {
    const line = outageLines(baseCase({ outages: [outage], maintenance: [{ ...window, components, notices }] }))[0]!;
    expect(line.outageSeconds - line.creditableSeconds).toBe(excluded);
  });
  it('lists every window touching the contract, in input order, with its verdict', () => {
    const input = baseCase({
      maintenance: [
        { ...window, id: 'M-3', components: ['app'] },
        { ...window, id: 'M-2', components: ['db'] },
        { ...window, id: 'M-1', components: ['db', 'app'], notices: [] },
      ],
    });
    expect(runOne(input).maintenance.map(({ ref, valid, violations }) => ({ ref, valid, violations }))).toEqual([
      { ref: 'M-3', valid: true, violations: [] },
      { ref: 'M-1', valid: false, violations: ['notice_missing'] },
    ]);
  });
  it('one window, valid in Ho Chi Minh City and invalid in Berlin: excluded for one contract only', () => {
    const input = baseCase({ outages: [outage], maintenance: [{ ...window, components: ['app'] }] });
    input.contracts!.push({ ...input.contracts![0]!, id: 'C-berlin', timeZone: 'Europe/Berlin' });
    const byId = run(input);
    expect(byId.get('C-1')!.maintenance[0]!.valid).toBe(true);
    expect(byId.get('C-berlin')!.maintenance[0]!.violations).toEqual(['starts_outside_hours']);
    expect((byId.get('C-1')!.credits[0] as OutageCredit).creditableSeconds).toBe(2 * H);
    expect((byId.get('C-berlin')!.credits[0] as OutageCredit).creditableSeconds).toBe(6 * H);
  });
});

// docs/case-file.md `period`: outages clipped; bugs counted over the whole history, lines only for reports inside.
describe('period', () => {
  const bug = {
    id: 'B',
    contract: 'C-1',
    occurrences: [
      { reportedAt: vn('2025-02-01T09:00'), fixedAt: vn('2025-02-02T09:00') },
      { reportedAt: vn('2025-02-10T09:00'), fixedAt: vn('2025-02-11T09:00') },
      { reportedAt: vn('2025-03-05T09:00') },
    ],
  };
  const input = baseCase({
    period: { from: vn('2025-03-01T00:00'), to: vn('2025-04-01T00:00') },
    outages: [
      majorOutage('O-before', '2025-02-27T10:00', '2025-02-27T14:00'),
      majorOutage('O-across', '2025-02-28T20:00', '2025-03-01T05:00'),
      majorOutage('O-after', '2025-04-01T00:00', '2025-04-01T05:00'),
    ],
    maintenance: [{ id: 'M-feb', kind: 'backup', components: ['app'], start: vn('2025-02-20T01:00'), end: vn('2025-02-20T02:00') }],
    bugs: [bug],
  });
  const statement = runOne(input);
  it('clips an outage that crosses the start and drops those outside', () => {
    expect(statement.credits.filter((l) => l.source === 'outage').map((l) => [l.ref, (l as OutageCredit).outageSeconds])).toEqual([['O-across', 5 * H]]);
  });
  it('counts occurrences over the whole history: the March report is occurrence 3', () => {
    expect(statement.credits.filter((l) => l.source === 'repeat_bug').map((l) => [l.ref, l.source === 'repeat_bug' && l.occurrence])).toEqual([['B', 3]]);
  });
  it('lists only windows inside the period', () => {
    expect(statement.maintenance).toEqual([]);
  });
});

// docs/case-file.md: lines by time (outage start / occurrence reportedAt), then ref; totals add the lines.
describe('ordering and totals', () => {
  const input = baseCase({
    outages: [
      majorOutage('O-b', '2025-05-10T09:00', '2025-05-10T13:00'),
      majorOutage('O-a', '2025-05-10T09:00', '2025-05-10T11:00'),
      majorOutage('O-c', '2025-05-01T09:00', '2025-05-01T11:00'),
    ],
    bugs: [
      {
        id: 'B',
        contract: 'C-1',
        occurrences: [
          { reportedAt: vn('2025-04-01T09:00'), fixedAt: vn('2025-04-02T09:00') },
          { reportedAt: vn('2025-05-05T09:00'), fixedAt: vn('2025-05-06T09:00') },
        ],
      },
    ],
  });
  const statement = runOne(input);
  it('orders outage and bug lines together', () => {
    expect(statement.credits.map((l) => l.ref)).toEqual(['O-c', 'B', 'O-a', 'O-b']);
  });
  it('totals are the sums of the lines', () => {
    const sum = (key: 'licenseSeconds' | 'amountVnd') => statement.credits.reduce((s, l) => s + l[key], 0n);
    expect(statement.totals).toEqual({ licenseSeconds: sum('licenseSeconds'), amountVnd: sum('amountVnd') });
  });
});

// docs/contract.md §1.1: blockRounding is a policy setting.
describe('rounding through the policy', () => {
  it.each([
    { blockRounding: 'floor', blocks: '2', amount: 100_000n },
    { blockRounding: 'ceil', blocks: '3', amount: 150_000n },
    { blockRounding: 'prorata', blocks: '2.5', amount: 125_000n },
  ] as const)('$blockRounding: 5 h → $blocks blocks', ({ blockRounding, blocks, amount }) => {
    const line = outageLines(baseCase({ policy: { blockRounding }, outages: [majorOutage('O', '2025-03-03T09:00', '2025-03-03T14:00')] }))[0]!;
    expect([line.blocks, line.amountVnd]).toEqual([blocks, amount]);
  });
});

// docs/contract.md §1.2: a fine as license time, rounded up to the hour by default or to the second.
describe('fine license time through the policy', () => {
  const bug = {
    id: 'B',
    contract: 'C-1',
    occurrences: [{ reportedAt: vn('2025-03-01T09:00'), fixedAt: vn('2025-03-01T10:00') }, { reportedAt: vn('2025-03-02T09:00') }],
  };
  it.each([
    { fineLicenseRounding: 'hour_up', want: 158_400n }, // 500,000 ÷ (100,000,000 ÷ 365) days = 43.8 h → 44 h
    { fineLicenseRounding: 'second', want: 157_680n },
  ] as const)('$fineLicenseRounding → $want s', ({ fineLicenseRounding, want }) => {
    const input = baseCase({ policy: { fineLicenseRounding }, bugs: [bug] });
    input.contracts![0]!.annualFeeVnd = '100000000';
    expect(runOne(input).credits.map((l) => [l.amountVnd, l.licenseSeconds])).toEqual([[500_000n, want]]);
  });
});

// docs/contract.md §1.1 (the brief's answer): the daily rate's divisor is the policy's daysPerYear, 365 by default.
describe('the daily rate through the policy', () => {
  const bug = {
    id: 'B',
    contract: 'C-1',
    occurrences: [{ reportedAt: vn('2025-03-01T09:00'), fixedAt: vn('2025-03-01T10:00') }, { reportedAt: vn('2025-03-02T09:00') }],
  };
  it.each([
    // fee 36,000,000: ½ day = 36,000,000 ÷ (2 × days); the 500,000 fine = 500,000 ÷ (36,000,000 ÷ days) days, up to the hour
    { daysPerYear: undefined, outageVnd: 49_315n, fineSeconds: 439_200n }, // ÷ 730 = 49,315.07 → 49,315; 5.07 days = 121.67 h → 122 h
    { daysPerYear: 360, outageVnd: 50_000n, fineSeconds: 432_000n }, // ÷ 720 = 50,000; exactly 5 days
  ] as const)('daysPerYear $daysPerYear: one block $outageVnd ₫, the fine $fineSeconds s', ({ daysPerYear, outageVnd, fineSeconds }) => {
    const input = baseCase({ policy: daysPerYear === undefined ? {} : { daysPerYear }, outages: [majorOutage('O', '2025-03-03T09:00', '2025-03-03T11:00')], bugs: [bug] });
    input.contracts![0]!.annualFeeVnd = '36000000';
    const credits = runOne(input).credits;
    expect(credits.find((l) => l.source === 'outage')!.amountVnd).toBe(outageVnd);
    expect(credits.find((l) => l.source === 'repeat_bug')!.licenseSeconds).toBe(fineSeconds);
  });
});
