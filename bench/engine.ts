import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import process from 'node:process';
// bench/ is not a workspace package: it reaches the engine by path.
import { computeStatement, parseCaseFile, statementJsonChunks, type CaseFileInput } from '../shared/src/engine/index.ts';
import { seededRandom } from '../shared/src/random/seeded.ts';

// `pnpm bench engine [--no-write]`: the credit engine on a generated year of
// facts at 1×, 2× and 4× (1× = 1,000 contracts, 50 components, 10,000
// outages, 2,000 windows, 100 force-majeure events, 2,000 bug reports, 10,000
// tickets across every class and channel, 20 recurring windows — nightly and
// weekly backups, about 4,200 occurrences; every count scales, components
// too, so each contract sees the same density and the work should grow
// linearly; issue #16). Each size runs in its own child process,
// pinned to one core with taskset when there is one, so peaks are separate.
// Exits non-zero only when something broke, never on a threshold.

const SIZES = [1, 2, 4];
const RUNS = 5;
const ZONES = ['Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'Europe/Berlin', 'America/New_York'];
const YEAR_START = Date.parse('2025-01-01T00:00:00+07:00');
/** Ticket clocks are read, and recurring windows expanded, up to the year's end. */
const AS_OF = '2026-01-01T00:00:00+07:00';
const TICKET_CLASSES = ['very_critical', 'critical', 'normal', 'attribute_addition', 'experience_improvement', 'upgrade'] as const;
const CHANNELS = ['hotline', 'live_chat', 'ticket', 'email', 'community'] as const;
const DAY_MS = 86_400_000;

interface Result {
  scale: number;
  counts: Record<string, number>;
  lines: number;
  /** Recurring windows' occurrences, as the statement lists them. */
  occurrences: number;
  ticketLines: number;
  parseMs: number;
  /** Wall-clock and CPU time (user + system) of each computeStatement run, the first one cold. */
  computeMs: number[];
  computeCpuMs: number[];
  jsonMs: number;
  jsonMb: number;
  heapDeltaMb: number;
  maxRssMb: number;
}

export async function run(args: string[]): Promise<void> {
  const child = args.indexOf('--child');
  if (child >= 0) {
    process.stdout.write(`${JSON.stringify(measure(Number(args[child + 1])))}\n`);
    return;
  }
  const loadBefore = loadavg();
  const pin = existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', '0'] : [];
  const results = SIZES.map((scale): Result => {
    const argv = [...pin, process.execPath, '--expose-gc', new URL('./main.ts', import.meta.url).pathname, 'engine', '--child', String(scale)];
    return JSON.parse(execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 20 }));
  });
  const section = report(results, pin.length > 0, args, [loadBefore, loadavg()]);
  process.stdout.write(section);
  if (!args.includes('--no-write')) {
    const file = new URL('../docs/benchmarks.md', import.meta.url);
    if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n');
    appendFileSync(file, `\n${section}`);
  }
}

function measure(scale: number): Result {
  const input = generate(scale);
  const parse = timed(() => parseCaseFile(input));
  const parsed = parse.value;
  if (!parsed.ok) throw new Error(`generated case file is invalid:\n${parsed.problems.slice(0, 10).join('\n')}`);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const first = timed(() => computeStatement(parsed.caseFile));
  gc?.();
  // What the statement itself keeps alive (after a full GC): the engine's working set is in maxRSS.
  const heapDeltaMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const runs = [first];
  for (let i = 1; i < RUNS; i++) {
    gc?.(); // each run pays for its own garbage, not for the previous run's
    runs.push(timed(() => computeStatement(parsed.caseFile)));
  }
  // The JSON in pieces (at 4× it passes V8's string limit): timed, and its size in MB.
  const json = timed(() => {
    let chars = 0;
    for (const chunk of statementJsonChunks(first.value)) chars += chunk.length;
    return chars;
  });
  if (json.value === 0) throw new Error('empty statement');
  return {
    scale,
    counts: {
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length])),
      bugReports: (input.bugs ?? []).reduce((n, bug) => n + bug.occurrences.length, 0),
    },
    lines: first.value.contracts.reduce((n, c) => n + c.credits.length, 0),
    occurrences: new Set(first.value.contracts.flatMap((c) => c.maintenance.map((m) => m.ref)).filter((ref) => ref.includes('@'))).size,
    ticketLines: first.value.contracts.reduce((n, c) => n + (c.tickets?.lines.length ?? 0), 0),
    parseMs: parse.ms,
    computeMs: runs.map((r) => r.ms),
    computeCpuMs: runs.map((r) => r.cpuMs),
    jsonMs: json.ms,
    jsonMb: json.value / 2 ** 20,
    heapDeltaMb,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Wall time, and CPU time: the machine may be shared, and CPU time is what one core spent. */
function timed<T>(f: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = f();
  const ms = performance.now() - started;
  const spent = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (spent.user + spent.system) / 1000 };
}


/** A year of facts (2025), deterministic for a given scale. */
function generate(scale: number): CaseFileInput {
  const rnd = seededRandom(20250101 + scale);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: readonly T[], count: number) => [...new Set(Array.from({ length: count }, () => pick(list)))];
  const at = (ms: number) => new Date(ms).toISOString();
  const inYear = () => YEAR_START + Math.floor(rnd() * 365 * DAY_MS);
  // Exactly 3 in 5 core: a random tier per component swings the work ±30% between sizes.
  const components = Array.from({ length: 50 * scale }, (_, i) => ({ id: `comp-${i}`, tier: i % 5 < 3 ? ('core' as const) : ('feature' as const) }));
  const ids = components.map((c) => c.id);
  const contracts = Array.from({ length: 1000 * scale }, (_, i) => {
    const live = YEAR_START - 30 * DAY_MS + int(0, 60) * DAY_MS;
    const states: Array<{ state: 'active' | 'paused'; from: string }> = [{ state: 'active', from: at(live) }];
    if (rnd() < 0.1) {
      const paused = live + int(30, 200) * DAY_MS;
      states.push({ state: 'paused', from: at(paused) }, { state: 'active', from: at(paused + int(5, 60) * DAY_MS) });
    }
    return {
      id: `C-${i}`,
      timeZone: pick(ZONES),
      annualFeeVnd: String(int(10, 500) * 1_000_000),
      components: some(ids, int(3, 8)),
      states,
      creditAs: rnd() < 0.7 ? ('license' as const) : ('renewal' as const),
    };
  });
  const outages = Array.from({ length: 10_000 * scale }, (_, i) => {
    const start = inYear();
    const cls = rnd() < 0.03 ? { class: pick(['very_critical', 'critical', 'normal'] as const) } : {};
    return {
      id: `O-${i}`,
      component: pick(ids),
      impact: pick(['major_outage', 'major_outage', 'partial_outage', 'degraded'] as const),
      start: at(start),
      end: at(start + int(1, 8 * 60) * 60_000),
      ...cls,
    };
  });
  const maintenance = Array.from({ length: 2000 * scale }, (_, i) => {
    const start = inYear();
    return {
      id: `M-${i}`,
      kind: pick(['minor_update', 'infrastructure', 'backup', 'version_upgrade'] as const),
      components: some(ids, int(1, 3)),
      start: at(start),
      end: at(start + int(15, 6 * 60) * 60_000),
      notices: Array.from({ length: int(0, 2) }, () => at(start - int(1, 120) * 3_600_000)),
    };
  });
  const forceMajeure = Array.from({ length: 100 * scale }, (_, i) => {
    const start = inYear();
    return {
      id: `F-${i}`,
      category: pick(['natural_disaster', 'epidemic', 'power_failure', 'telecom_cable', 'legal'] as const),
      ...(rnd() < 0.3 ? {} : { components: some(ids, int(1, 5)) }),
      start: at(start),
      end: at(start + int(1, 24) * 3_600_000),
      declaredBy: 'ops-a',
      ...(rnd() < 0.8 ? { approvedBy: pick(['ops-a', 'ops-b', 'ops-c']) } : {}),
    };
  });
  // 2,000 reports per 1×, four to a bug on average.
  const bugs = Array.from({ length: 500 * scale }, (_, i) => {
    let t = inYear() - 120 * DAY_MS;
    return {
      id: `B-${i}`,
      contract: pick(contracts).id,
      occurrences: Array.from({ length: 4 }, () => {
        t += int(1, 30) * DAY_MS;
        const fixed = rnd() < 0.9 ? { fixedAt: at(t + int(1, 72) * 3_600_000) } : {};
        return { reportedAt: at(t), ...fixed };
      }),
    };
  });
  // Nightly backups from 00:30 and weekly Sunday ones from 01:00, each in a contract zone, expanded up to AS_OF.
  const recurring = Array.from({ length: 20 * scale }, (_, i) => {
    const nightly = i % 2 === 0;
    const timeZone = pick(ZONES);
    return {
      id: `R-${i}`,
      kind: 'backup' as const,
      components: some(ids, int(1, 3)),
      start: nightly ? '2025-01-01T00:30:00+07:00' : '2025-01-05T01:00:00+07:00',
      recurrence: {
        rrule: nightly ? 'FREQ=DAILY' : 'FREQ=WEEKLY;BYDAY=SU',
        timeZone,
        duration: nightly ? 'PT2H' : 'PT3H',
        exdates: rnd() < 0.5 ? ['2025-06-15'] : [],
      },
    };
  });
  // Ten tickets a contract, every class and channel; most answered, some late, some still open at AS_OF.
  const tickets = Array.from({ length: 10_000 * scale }, (_, i) => {
    const received = inYear();
    const maybe = (p: number, ms: number) => (rnd() < p ? at(ms) : undefined);
    const confirmed = received + int(0, 48 * 60) * 60_000;
    const firstResponseAt = maybe(0.95, received + int(0, 180) * 60_000);
    const confirmedAt = maybe(0.8, confirmed);
    const acknowledgedAt = confirmedAt === undefined ? undefined : maybe(0.9, confirmed + int(1, 36 * 60) * 60_000);
    const resolvedAt = confirmedAt === undefined ? undefined : maybe(0.8, confirmed + int(1, 10 * 24) * 3_600_000);
    return {
      id: `T-${i}`,
      contract: pick(contracts).id,
      class: pick(TICKET_CLASSES),
      channel: pick(CHANNELS),
      receivedAt: at(received),
      ...(firstResponseAt === undefined ? {} : { firstResponseAt }),
      ...(confirmedAt === undefined ? {} : { confirmedAt }),
      ...(acknowledgedAt === undefined ? {} : { acknowledgedAt }),
      ...(resolvedAt === undefined ? {} : { resolvedAt }),
    };
  });
  return { components, contracts, outages, maintenance: [...maintenance, ...recurring], forceMajeure, bugs, asOf: AS_OF, tickets };
}

function report(results: Result[], pinned: boolean, args: string[], load: [number[], number[]]): string {
  const averages = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const cpu = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? 'unknown';
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = median(results[0]!.computeCpuMs);
  const ms = (x: number) => x.toFixed(0);
  const rows = results.map((r) => {
    const c = r.counts;
    const facts = `${c.contracts} / ${c.components} / ${c.outages} / ${c.maintenance} (${r.occurrences}) / ${c.forceMajeure} / ${c.bugReports} / ${c.tickets}`;
    const m = median(r.computeCpuMs);
    return (
      `| ${r.scale}× | ${facts} | ${r.lines} | ${r.ticketLines} | ${ms(r.parseMs)} | ${ms(r.computeCpuMs[0]!)} (${ms(r.computeMs[0]!)}) | ` +
      `${ms(m)} (${ms(median(r.computeMs))}) | ${(m / base).toFixed(2)} | ${ms(r.jsonMs)} (${r.jsonMb.toFixed(0)} MB) | ${r.heapDeltaMb.toFixed(0)} | ${r.maxRssMb.toFixed(0)} |`
    );
  });
  return [
    `## Credit engine, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `- Command: \`npx -y pnpm@10 bench engine${args.length > 0 ? ` ${args.join(' ')}` : ''}\` (runs \`node bench/main.ts engine\`)`,
    `- Machine: ${cpu}, nproc ${availableParallelism()}, Node ${process.version}, ${process.platform}/${process.arch}`,
    `- Load average (1 / 5 / 15 min): ${averages(load[0])} before, ${averages(load[1])} after (the machine is shared)`,
    `- Method: each size in its own child process (\`node --expose-gc\`${pinned ? ', pinned to CPU 0 with `taskset -c 0`' : ''});` +
      ' a seeded generator writes a year of facts as a case file; `parseCaseFile` is timed once, `computeStatement` ' +
      `${RUNS} times after a full GC each: the first (cold) run and the median of all, as CPU ms (user + system, what one core spent) with wall ms in brackets;` +
      ' statement heap = heapUsed kept by the statement after a full GC; peak RSS = the child\'s `resourceUsage().maxRSS`' +
      ' (generation, parse, compute and JSON together).',
    '',
    '| size | contracts / components / outages / windows (recurring occurrences) / force majeure / bug reports / tickets | lines | ticket lines | parse ms | compute ms, first | compute ms, median | median ÷ 1× | JSON ms (size) | statement heap MB | peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
