import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CaseFileInput } from '../case-file/schema.ts';
import { parseCaseFile } from '../case-file/parse.ts';
import { BLOCK_ROUNDINGS } from '../policy/policy.ts';
import { MAINTENANCE_KINDS } from '../domain/sets.ts';
import { exactOutageVnd } from './blocks.ts';
import { computeStatement } from './compute-statement.ts';
import { statementToJson } from './statement-json.ts';
import { baseCase, runOne } from './fixtures.ts';
import type { OutageCredit } from './statement.ts';

// Properties of the whole engine, on random case files around the policy's
// effective date (so every exclusion reason occurs).

const T0 = Date.parse('2024-12-31T00:00:00Z') / 1000;
const iso = (offsetMinutes: number) => new Date((T0 + offsetMinutes * 60) * 1000).toISOString();
const span = fc.tuple(fc.integer({ min: 0, max: 4 * 24 * 60 }), fc.integer({ min: 0, max: 16 * 60 }));

const arbCase = fc.record({
  rounding: fc.constantFrom(...BLOCK_ROUNDINGS),
  outages: fc.array(span, { minLength: 1, maxLength: 4 }),
  // mostly active, so that most lines owe something and the properties bite
  states: fc.uniqueArray(fc.integer({ min: 0, max: 5 * 24 * 60 }), { minLength: 1, maxLength: 4 }),
  stateNames: fc.array(fc.constantFrom('active', 'active', 'active', 'deployment', 'paused'), { minLength: 4, maxLength: 4 }),
  forceMajeure: fc.array(fc.record({ at: span, approvedBy: fc.constantFrom(undefined, 'ops-a', 'ops-b'), all: fc.boolean() }), { maxLength: 3 }),
  maintenance: fc.array(fc.record({ at: span, kind: fc.constantFrom(...MAINTENANCE_KINDS), lead: fc.integer({ min: 0, max: 100 }) }), { maxLength: 3 }),
});
type Arb = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;

function toCase(a: Arb): CaseFileInput {
  const input = baseCase({
    policy: { blockRounding: a.rounding },
    outages: a.outages.map(([start, len], i) => ({ id: `O-${i}`, component: 'app', impact: 'major_outage', start: iso(start), end: iso(start + len) })),
    forceMajeure: a.forceMajeure.map((f, i) => ({
      id: `F-${i}`,
      category: 'telecom_cable',
      ...(f.all ? {} : { components: ['app'] }),
      start: iso(f.at[0]),
      end: iso(f.at[0] + f.at[1]),
      declaredBy: 'ops-a',
      ...(f.approvedBy === undefined ? {} : { approvedBy: f.approvedBy }),
    })),
    maintenance: a.maintenance.map((m, i) => ({
      id: `M-${i}`,
      kind: m.kind,
      components: ['app'],
      start: iso(m.at[0]),
      end: iso(m.at[0] + m.at[1]),
      notices: [iso(m.at[0] - m.lead * 60), iso(m.at[0] - 80 * 60)],
    })),
  });
  input.contracts![0]!.states = [...a.states].sort((x, y) => x - y).map((at, i) => ({ state: a.stateNames[i]!, from: iso(at) }) as const);
  return input;
}
const lines = (input: CaseFileInput) => runOne(input).credits.filter((l): l is OutageCredit => l.source === 'outage');

describe('engine properties', () => {
  it('creditable + Σ excluded = outage seconds, on every line (docs/case-file.md)', () => {
    fc.assert(
      fc.property(arbCase, (a) => {
        for (const line of lines(toCase(a))) {
          expect(line.creditableSeconds + line.excluded.reduce((s, e) => s + e.seconds, 0)).toBe(line.outageSeconds);
        }
      }),
    );
  });

  it('an exclusion never raises a credit (docs/contract.md §3)', () => {
    fc.assert(
      fc.property(arbCase, span, fc.constantFrom('force_majeure', 'paused'), (a, [start, len], extra) => {
        const before = toCase(a);
        const after = toCase(a);
        if (extra === 'force_majeure')
          after.forceMajeure!.push({ id: 'F-x', category: 'legal', start: iso(start), end: iso(start + len), declaredBy: 'x', approvedBy: 'y' });
        else after.contracts![0]!.states = [...after.contracts![0]!.states!.filter((s) => s.from < iso(start)), { state: 'paused', from: iso(start) }];
        const was = lines(before);
        lines(after).forEach((line, i) => {
          expect(line.creditableSeconds).toBeLessThanOrEqual(was[i]!.creditableSeconds);
          expect(line.amountVnd <= was[i]!.amountVnd).toBe(true);
          expect(line.licenseSeconds <= was[i]!.licenseSeconds).toBe(true);
        });
      }),
    );
  });

  // Under prorata the money of a line is creditable × fee ÷ (7,200 × 730), rounded half up once per line.
  // Splitting an outage in two keeps the creditable seconds, the license seconds and the *exact* money
  // (the unrounded fractions add up to the whole's); the rounded amounts may differ by the two roundings,
  // so the sum of the rounded parts is within 1 VND of the rounded whole — and never further.
  it('splitting an outage in two under prorata keeps the exact money; rounded, within 1 VND', () => {
    fc.assert(
      fc.property(arbCase, fc.integer({ min: 0, max: 16 * 60 }), fc.bigInt({ min: 1n, max: 10n ** 13n }), (a, cut, fee) => {
        const whole = { ...a, rounding: 'prorata' as const, outages: [a.outages[0]!] };
        const [start, len] = whole.outages[0]!;
        const at = Math.min(cut, len);
        const split = { ...whole, outages: [[start, at], [start + at, len - at]] as Array<[number, number]> };
        const withFee = (input: CaseFileInput) => {
          input.contracts![0]!.annualFeeVnd = fee.toString();
          return input;
        };
        const [w] = lines(withFee(toCase(whole)));
        const parts = lines(withFee(toCase(split)));
        const sum = <T,>(f: (l: OutageCredit) => T, add: (x: T, y: T) => T) => parts.map(f).reduce(add);
        expect(sum((l) => l.creditableSeconds, (x, y) => x + y)).toBe(w!.creditableSeconds);
        expect(sum((l) => l.licenseSeconds, (x, y) => x + y)).toBe(w!.licenseSeconds);
        const exact = parts.map((l) => exactOutageVnd(l.creditableSeconds, fee, 'prorata'));
        const wholeExact = exactOutageVnd(w!.creditableSeconds, fee, 'prorata');
        expect(exact.every((e) => e.denominator === wholeExact.denominator)).toBe(true);
        expect(exact[0]!.numerator + exact[1]!.numerator).toBe(wholeExact.numerator);
        const drift = sum((l) => l.amountVnd, (x, y) => x + y) - w!.amountVnd;
        expect(drift >= -1n && drift <= 1n).toBe(true);
      }),
    );
  });
});

// docs/contract.md §3.1 (issue #16): a recurring window is only a shorter way to
// enter its occurrences. The occurrences are worked out here on their own, with
// Temporal (a local start the clock skips has none: RFC 5545 §3.3.10), and
// entered one by one as `<id>@<local date>`.
describe('recurring windows', () => {
  const ZONES = ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/New_York'] as const;
  const arbSeries = fc.record({
    zone: fc.constantFrom(...ZONES),
    contractZone: fc.constantFrom(...ZONES),
    kind: fc.constantFrom(...MAINTENANCE_KINDS),
    // around the policy's effective date, and (for Berlin and New York) across no change of offset: that is the table tests' job
    firstDay: fc.integer({ min: 0, max: 3 }),
    minuteOfDay: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    durationMinutes: fc.integer({ min: 1, max: 9 * 60 }),
    interval: fc.integer({ min: 1, max: 2 }),
    count: fc.integer({ min: 1, max: 5 }),
    skip: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    noticeLeadHours: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 2 }),
  });
  type Series = typeof arbSeries extends fc.Arbitrary<infer T> ? T : never;

  const firstLocal = (s: Series) => Temporal.PlainDate.from('2024-12-31').add({ days: s.firstDay }).toPlainDateTime({ hour: Math.floor(s.minuteOfDay / 60), minute: s.minuteOfDay % 60 });
  const zoned = (local: Temporal.PlainDateTime, zone: string) => {
    try {
      return local.toZonedDateTime(zone, { disambiguation: 'reject' });
    } catch {
      return undefined; // a skipped local time, or (reject) a repeated one: the table tests pin those down
    }
  };
  const isoOf = (z: Temporal.ZonedDateTime) => z.toInstant().toString();

  function byHand(s: Series) {
    const dates = Array.from({ length: s.count }, (_, i) => firstLocal(s).add({ days: i * s.interval }));
    return dates.flatMap((local, i) => {
      const start = zoned(local, s.zone);
      if (start === undefined || s.skip[i]) return [];
      return [{ id: `M@${local.toPlainDate()}`, start: isoOf(start), end: isoOf(start.add({ minutes: s.durationMinutes })) }];
    });
  }
  function withWindows(a: Arb, s: Series, windows: NonNullable<CaseFileInput['maintenance']>): CaseFileInput {
    const input = toCase({ ...a, maintenance: [] });
    input.contracts![0]!.timeZone = s.contractZone;
    input.maintenance = windows;
    return input;
  }
  const notices = (s: Series, start: string) => s.noticeLeadHours.map((h) => new Date(Date.parse(start) - h * 3_600_000).toISOString());

  it('never excuses more than the same occurrences entered one by one: it gives the same statement', () => {
    fc.assert(
      fc.property(arbCase, arbSeries, (a, s) => {
        const first = zoned(firstLocal(s), s.zone);
        fc.pre(first !== undefined && !s.skip[0]);
        const occurrences = byHand(s);
        const sent = notices(s, isoOf(first!));
        const dates = Array.from({ length: s.count }, (_, i) => firstLocal(s).add({ days: i * s.interval }).toPlainDate().toString());
        const series = withWindows(a, s, [
          {
            id: 'M',
            kind: s.kind,
            components: ['app'],
            start: isoOf(first!),
            notices: sent,
            recurrence: { rrule: `FREQ=DAILY;INTERVAL=${s.interval};COUNT=${s.count}`, timeZone: s.zone, duration: `PT${s.durationMinutes}M`, exdates: dates.filter((_, i) => s.skip[i]) },
          },
        ]);
        const oneByOne = withWindows(a, s, occurrences.map((o) => ({ ...o, kind: s.kind, components: ['app'], notices: sent })));
        const recurring = lines(series);
        const entered = lines(oneByOne);
        recurring.forEach((line, i) => {
          expect(line.creditableSeconds).toBeGreaterThanOrEqual(entered[i]!.creditableSeconds);
        });
        expect(runOne(series)).toEqual(runOne(oneByOne));
      }),
    );
  });
});

// docs/contract.md §1.2: 500,000 × 2^(n−2), exact in bigint however many times a bug comes back.
describe('repeat-bug fines through the engine', () => {
  const recurring = (n: number) =>
    baseCase({
      bugs: [
        {
          id: 'B',
          contract: 'C-1',
          occurrences: Array.from({ length: n }, (_, i) => ({ reportedAt: iso(i * 60), fixedAt: iso(i * 60 + 30) })),
        },
      ],
    });

  it('each fine is exactly double the previous', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 80 }), (n) => {
        const fines = runOne(recurring(n)).credits.map((l) => l.amountVnd);
        expect(fines).toHaveLength(n - 1);
        for (let i = 1; i < fines.length; i++) expect(fines[i]).toBe(2n * fines[i - 1]!);
      }),
      { numRuns: 20 },
    );
  });

  it('60 occurrences stay exact in the JSON statement', () => {
    const parsed = parseCaseFile(recurring(60));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const json = JSON.parse(statementToJson(computeStatement(parsed.caseFile)));
    const credits = json.contracts[0].credits as Array<{ occurrence: number; amountVnd: string }>;
    const base = parsed.caseFile.policy.fineBaseVnd;
    expect(credits.at(-1)).toMatchObject({ occurrence: 60, amountVnd: (base * 2n ** 58n).toString() });
    expect(BigInt(json.contracts[0].totals.amountVnd)).toBe(base * (2n ** 59n - 1n));
    // the fine outgrows a float long before: as a number it would have lost its last digits
    expect(Number.isSafeInteger(Number(credits.at(-1)!.amountVnd))).toBe(false);
  });
});

