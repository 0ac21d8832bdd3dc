import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
// bench/ is not a workspace package: it reaches the daemon and its dependencies by path.
import { sql, type Kysely } from '../daemon/node_modules/kysely/dist/index.js';
import type { Database } from '../daemon/src/db/database.ts';
import { openDatabase } from '../daemon/src/db/open.ts';
import { DAEMON_ENV, DAEMON_NODE_FLAGS } from '../daemon/src/node-flags.ts';
import { createScratchDatabase } from '../daemon/src/db/testing.ts';
import { storedResults } from '../daemon/src/results/stored-results.ts';
import { startBlackboxPrometheus } from './support/blackbox-prometheus.ts';
import { startNginxTarget, type Target } from './support/nginx-target.ts';
import { startBenchPostgres, type BenchPostgres } from './support/postgres.ts';
import { coreBusyMs, cpuMs, loadAverage, rssMb } from './support/proc.ts';
import { canPin, jsonEvents, sleep, startPinned, stopProcess, tail } from './support/processes.ts';
import { command, fixed, machine, publish, table } from './support/report.ts';

// `pnpm bench probes [--sizes 1000,5000,…] [--interval 10] [--window 60]
//   [--warmup S] [--no-peers] [--no-ceiling] [--keep-going] [--cpu-prof DIR]
//   [--daemon-flags "--max-semi-space-size=8 …"] [--no-write]`
//
// Issue #7: how many HTTP monitors one core watches, against the limit of this
// machine and against blackbox_exporter + Prometheus, in one run. The core
// under test (1) runs only the thing measured — the raw undici loop, our
// daemon, or blackbox_exporter + Prometheus — one at a time; nginx (the
// target), our own PostgreSQL 15 and this process run on core 0. For each N
// the daemon, then the peer, run a warm-up then a steady window; CPU and RSS
// come from /proc for both (one ruler), probes from the daemon's database and
// from Prometheus' TSDB. Escalation stops for each once it falls behind
// (fewer than 95 % of the expected probes, or p99 lag ≥ 1 s).
// Exits non-zero only when something broke, never on a threshold.

const CORE = 1;
const SIDE = 0;
const FALLS_BEHIND = 0.95;
const RSS_TARGET_N = 20_000;

interface Options {
  sizes: number[];
  intervalS: number;
  timeoutS: number;
  warmupS: number;
  windowS: number;
  peers: boolean;
  ceiling: boolean;
  keepGoing: boolean;
  cpuProf?: string;
  /** Node/V8 flags for the daemon's process after the shipped ones (daemon/src/node-flags.ts), to measure a proposal. */
  daemonFlags: string[];
}

interface Ceiling {
  concurrency: number;
  perSecond: number;
  cpuUsPerRequest: number;
  failures: number;
}

interface Row {
  who: 'daemon' | 'peer';
  n: number;
  expected: number;
  achieved: number;
  okShare: number;
  lagP50?: number;
  lagP99?: number;
  lagMax?: number;
  interval?: Record<string, number>;
  skips?: number;
  cpuMsPerProbe: number;
  cpuShare: number;
  storeCpuMsPerProbe: number;
  storeCpuShare: number;
  coreBusyShare: number;
  rssMb: number;
  storeRssMb?: number;
  rowsPerSecond?: number;
  startupS?: number;
  errors?: Record<string, number>;
  loopDelayP99Ms?: number;
  /** Peer: scrapes made and scrapes that came back, in the window. */
  scrapes?: { made: number; up: number };
  /** A re-run after falling behind (shared machine: one bad minute is not a limit). */
  retry?: boolean;
}

export async function run(args: string[]): Promise<void> {
  const o = options(args);
  if (!canPin) process.stderr.write('taskset not found: running unpinned, the numbers are not per core\n');
  const loadBefore = loadAverage();
  const started = new Date();
  const postgres = await startBenchPostgres(new URL('..', import.meta.url), SIDE);
  const target = await startNginxTarget(SIDE);
  const rows: Row[] = [];
  const ceilings: Ceiling[][] = [];
  try {
    if (o.ceiling) ceilings.push(await ceiling(target, Math.max(...o.sizes)));
    let daemonBehind = false;
    let peerBehind = !o.peers;
    // A size that falls behind is run once more (other people's load comes and goes) and the
    // better run counts; escalation stops after it. The daemon always runs up to the RSS target's
    // 20,000 monitors, behind or not.
    const attempt = async (run: () => Promise<Row>): Promise<Row> => {
      const first = await run();
      rows.push(first);
      log(first);
      if (!behind(first)) return first;
      const second = { ...(await run()), retry: true };
      rows.push(second);
      log(second);
      return second.achieved > first.achieved ? second : first;
    };
    for (const n of o.sizes) {
      if (!daemonBehind || n <= RSS_TARGET_N) daemonBehind = (await attempt(() => runDaemon(n, o, target, postgres)).then(behind)) && !o.keepGoing;
      if (!peerBehind) peerBehind = (await attempt(() => runPeer(n, o, target)).then(behind)) && !o.keepGoing;
      if (daemonBehind && peerBehind && n >= RSS_TARGET_N) break;
    }
    if (o.ceiling) ceilings.push(await ceiling(target, Math.max(...o.sizes)));
  } finally {
    await target.stop();
    postgres.stop();
  }
  publish(report(o, args, rows, ceilings, started, loadBefore, loadAverage()), args);
}

function options(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: 'string', default: '1000,5000,10000,15000,20000,30000,40000' },
      interval: { type: 'string', default: '10' },
      timeout: { type: 'string', default: '5' },
      warmup: { type: 'string' },
      window: { type: 'string', default: '60' },
      'no-peers': { type: 'boolean', default: false },
      'no-ceiling': { type: 'boolean', default: false },
      'keep-going': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'daemon-flags': { type: 'string', default: '' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const intervalS = Number(values.interval);
  return {
    sizes: values.sizes.split(',').map(Number),
    intervalS,
    timeoutS: Number(values.timeout),
    // One interval for every monitor's first run to land (they are spread over it), then 5 s.
    warmupS: values.warmup === undefined ? intervalS + 5 : Number(values.warmup),
    windowS: Number(values.window),
    peers: !values['no-peers'],
    ceiling: !values['no-ceiling'],
    keepGoing: values['keep-going'],
    cpuProf: values['cpu-prof'],
    daemonFlags: values['daemon-flags'].split(' ').filter((f) => f !== ''),
  };
}

const behind = (r: Row) => r.achieved < FALLS_BEHIND * r.expected || (r.lagP99 ?? 0) >= 1;

/** Bare undici, new connection per request, on the core under test, at a few concurrencies. */
async function ceiling(target: Target, paths: number): Promise<Ceiling[]> {
  const script = new URL('./support/raw-undici.ts', import.meta.url).pathname;
  const out: Ceiling[] = [];
  for (const concurrency of [16, 64, 256]) {
    const argv = [...(canPin ? ['/usr/bin/taskset', '-c', String(CORE)] : []), process.execPath, script, `http://127.0.0.1:${target.port}`, String(paths), String(concurrency), '2000', '10000'];
    const r = JSON.parse(execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 60_000 })) as { requests: number; failures: number; seconds: number; cpuMs: number };
    out.push({ concurrency, perSecond: r.requests / r.seconds, cpuUsPerRequest: (r.cpuMs * 1000) / r.requests, failures: r.failures });
    process.stderr.write(`ceiling c=${concurrency}: ${fixed(r.requests / r.seconds)} requests/s, ${fixed((r.cpuMs * 1000) / r.requests)} µs CPU each, ${r.failures} failed\n`);
  }
  return out;
}

async function runDaemon(n: number, o: Options, target: Target, postgres: BenchPostgres): Promise<Row> {
  const scratch = await createScratchDatabase(postgres.url);
  let opened: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    const entry = new URL('./support/daemon-under-test.ts', import.meta.url).pathname;
    const prof = o.cpuProf === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${o.cpuProf}`, `--cpu-prof-name=daemon-${n}.cpuprofile`];
    const child = startPinned(CORE, [
      process.execPath,
      // The flags `pnpm daemon` runs with; --daemon-flags come after, so they win.
      ...DAEMON_NODE_FLAGS,
      ...o.daemonFlags,
      ...prof,
      entry,
      ...['--monitors', String(n), '--target', `http://127.0.0.1:${target.port}`, '--interval', `${o.intervalS}s`, '--timeout', `${o.timeoutS}s`],
      ...['--database-url', scratch.url, '--warmup-ms', String(o.warmupS * 1000), '--window-ms', String(o.windowS * 1000)],
    ], { env: { ...process.env, ...DAEMON_ENV } });
    const why = tail(child);
    const next = jsonEvents(child, why);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const up = await next('started', 300_000);
      await next('window', (o.warmupS + 60) * 1000);
      opened = await openDatabase({ url: scratch.url });
      const db = opened.db;
      const before = { daemon: cpuMs(child.pid!) ?? 0, store: postgres.cpuMs(), core: coreBusyMs(CORE), at: performance.now(), writes: await tableWrites(db) };
      const result = (await next('result', (o.windowS + 60) * 1000)) as unknown as DaemonResult;
      const after = { daemon: cpuMs(child.pid!) ?? 0, store: postgres.cpuMs(), core: coreBusyMs(CORE), at: performance.now(), writes: await tableWrites(db) };
      const rss = rssMb(child.pid!) ?? result.rssMb;
      await Promise.race([exited, sleep(30_000)]);
      const probes = await sql<{ state: string; n: number }>`select state, count(*)::int as n from ${storedResults(new Date(result.windowStartMs), new Date(result.windowEndMs))} as r group by state`.execute(db);
      const total = probes.rows.reduce((sum, r) => sum + r.n, 0);
      if (total > 0 && result.starts === 0) throw new Error('the scheduler-lag hook saw nothing: prom-client or the metric name changed (bench/support/daemon-under-test.ts)');
      const seconds = (after.at - before.at) / 1000;
      const perProbe = (ms: number) => (total === 0 ? NaN : ms / total);
      return {
        who: 'daemon',
        n,
        expected: n / o.intervalS,
        achieved: total / result.seconds,
        okShare: total === 0 ? 0 : (probes.rows.find((r) => r.state === 'up')?.n ?? 0) / total,
        lagP50: result.lagP50,
        lagP99: result.lagP99,
        lagMax: result.lagMax,
        skips: result.skips,
        cpuMsPerProbe: perProbe(after.daemon - before.daemon),
        cpuShare: (after.daemon - before.daemon) / 1000 / seconds,
        storeCpuMsPerProbe: perProbe(after.store - before.store),
        storeCpuShare: (after.store - before.store) / 1000 / seconds,
        coreBusyShare: (after.core - before.core) / 1000 / seconds,
        rssMb: rss,
        rowsPerSecond: (after.writes - before.writes) / seconds,
        startupS: (up.startupMs as number) / 1000,
        errors: result.errors,
        loopDelayP99Ms: result.loopDelayP99Ms,
      };
    } finally {
      await stopProcess(child);
    }
  } finally {
    await opened?.close();
    await scratch.drop();
  }
}

interface DaemonResult {
  seconds: number;
  windowStartMs: number;
  windowEndMs: number;
  starts: number;
  skips: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
  rssMb: number;
  loopDelayP99Ms: number;
  errors: Record<string, number>;
}

/** Rows inserted, updated or deleted in every table so far (PostgreSQL's own counters, flushed about once a second). */
async function tableWrites(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: string }>`select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint as n from pg_stat_user_tables`.execute(db);
  return Number(rows[0]!.n);
}

async function runPeer(n: number, o: Options, target: Target): Promise<Row> {
  const targets = Array.from({ length: n }, (_, i) => target.url(i));
  const peer = await startBlackboxPrometheus({ core: CORE, targets, intervalS: o.intervalS, timeoutS: o.timeoutS });
  try {
    await sleep(o.warmupS * 1000);
    const cpu = () => ({ blackbox: cpuMs(peer.pids.blackbox) ?? 0, prometheus: cpuMs(peer.pids.prometheus) ?? 0, core: coreBusyMs(CORE), at: performance.now() });
    const before = cpu();
    await sleep(o.windowS * 1000);
    const after = cpu();
    const endS = Date.now() / 1000;
    const rss = { blackbox: rssMb(peer.pids.blackbox) ?? NaN, prometheus: rssMb(peer.pids.prometheus) ?? NaN };
    await sleep(2_000); // the last scrapes of the window land in the head block
    const probes = await peer.probes(endS, o.windowS);
    const seconds = (after.at - before.at) / 1000;
    const perProbe = (ms: number) => (probes.answered === 0 ? NaN : ms / probes.answered);
    return {
      who: 'peer',
      n,
      expected: n / o.intervalS,
      achieved: probes.answered / o.windowS,
      okShare: probes.answered === 0 ? 0 : probes.ok / probes.answered,
      interval: await peer.intervalQuantiles(),
      cpuMsPerProbe: perProbe(after.blackbox - before.blackbox),
      cpuShare: (after.blackbox - before.blackbox) / 1000 / seconds,
      storeCpuMsPerProbe: perProbe(after.prometheus - before.prometheus),
      storeCpuShare: (after.prometheus - before.prometheus) / 1000 / seconds,
      coreBusyShare: (after.core - before.core) / 1000 / seconds,
      rssMb: rss.blackbox,
      storeRssMb: rss.prometheus,
      scrapes: { made: probes.scrapes, up: probes.scraped },
    };
  } finally {
    await peer.stop();
  }
}

function log(r: Row): void {
  process.stderr.write(
    `${r.who} N=${r.n}${r.retry ? ' (again)' : ''}: ${fixed(r.achieved)}/${fixed(r.expected)} probes/s, ${fixed(r.cpuMsPerProbe, 3)} + ${fixed(r.storeCpuMsPerProbe, 3)} ms CPU/probe, RSS ${fixed(r.rssMb)} MB` +
      `${r.lagP99 === undefined ? '' : `, lag p50 ${fixed(r.lagP50! * 1000, 1)} ms p99 ${fixed(r.lagP99 * 1000, 1)} ms max ${fixed(r.lagMax! * 1000)} ms, ${r.skips} skipped, event-loop delay p99 ${fixed(r.loopDelayP99Ms ?? NaN)} ms, start-up ${fixed(r.startupS ?? NaN, 1)} s`}` +
      `${r.scrapes === undefined ? '' : `, scrapes ${r.scrapes.up}/${r.scrapes.made} up`}${r.errors && Object.keys(r.errors).length > 0 ? `, errors ${JSON.stringify(r.errors)}` : ''}\n`,
  );
}

function report(o: Options, args: string[], rows: Row[], ceilings: Ceiling[][], started: Date, loadBefore: string, loadAfter: string): string {
  const best = (list: Ceiling[]) => list.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const ceilingBest = ceilings.length === 0 ? undefined : Math.max(...ceilings.map((list) => best(list).perSecond));
  const daemon = rows.filter((r) => r.who === 'daemon');
  const peer = rows.filter((r) => r.who === 'peer');
  const sustained = (list: Row[]) => list.filter((r) => !behind(r)).reduce<Row | undefined>((a, r) => (a === undefined || r.achieved > a.achieved ? r : a), undefined);
  const ours = sustained(daemon);
  const theirs = sustained(peer);
  const ms = (s: number | undefined) => (s === undefined ? '–' : fixed(s * 1000, s < 0.01 ? 2 : 1));
  const pct = (x: number) => `${fixed(x * 100)} %`;
  const lines = [
    `## Probes per core (\`bench probes\`), ${started.toISOString().slice(0, 10)}`,
    '',
    `- Command: ${command('probes', args)}`,
    `- Machine: ${machine()}; load average before ${loadBefore}, after ${loadAfter} (other people's tests share this machine: numbers are noisy)`,
    `- Method: target = Debian's nginx (one process, no access log) answering N distinct paths \`/t/NNNNN\`, pinned to core ${SIDE} with our own PostgreSQL 15` +
      ` (.ci/start-postgres, fsync off) and this orchestrator. Core ${CORE} runs one thing at a time: the raw undici loop, the daemon, or blackbox_exporter + Prometheus.` +
      ` Daemon = \`startDaemon\` in its own process (\`taskset -c ${CORE}\`), N HTTP monitors (default \`keepAlive: false\`: a new connection per probe), interval ${o.intervalS} s, timeout ${o.timeoutS} s, one component per 100 monitors, status site off, started as \`${Object.entries(DAEMON_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} node ${[...DAEMON_NODE_FLAGS, ...o.daemonFlags].join(' ')}\`, on PostgreSQL (not PGlite: its CPU would land in the daemon's process).` +
      ` Peer = blackbox_exporter 0.23 (\`http_2xx\`) + Prometheus 2.42 scraping \`/probe?target=…\` for the same N URLs, scrape_interval ${o.intervalS} s, both on core ${CORE}.` +
      ` Each run: ${o.warmupS} s warm-up (start-up excluded), then a ${o.windowS} s window. CPU = utime+stime from /proc/<pid>/stat over the window (PostgreSQL: the postmaster's tree, reaped backends included); RSS = VmRSS at the end of the window.` +
      ` Probes: daemon = stored results (raw or packed) whose \`at\` is in the window; peer = \`probe_success\` samples in Prometheus over the window.` +
      ` Lag = the value the daemon hands to \`sla_scheduler_lag_seconds\` (due → started), unrounded; Prometheus exposes no lag, so its column shows its own scrape-interval quantiles. Rows written = PostgreSQL's \`pg_stat_user_tables\` inserts+updates+deletes.`,
    '',
  ];
  if (ceilings.length > 0) {
    lines.push(
      `### Ceiling: raw undici 8.12, a new connection per request, core ${CORE}`,
      '',
      table(
        ['when', ...ceilings[0]!.map((c) => `${c.concurrency} in flight: requests/s (µs CPU each)`)],
        ceilings.map((list, i) => [i === 0 ? 'before' : 'after', ...list.map((c) => `${fixed(c.perSecond)} (${fixed(c.cpuUsPerRequest)})${c.failures > 0 ? `, ${c.failures} failed` : ''}`)]),
      ),
      '',
    );
  }
  lines.push(
    `### Daemon vs blackbox_exporter + Prometheus, interval ${o.intervalS} s, core ${CORE}`,
    '',
    table(
      ['who', 'N', 'expected /s', 'achieved /s', 'ok', 'lag p50 / p99 / max ms', 'CPU ms/probe', 'store CPU ms/probe', 'both ms/probe', `core ${CORE} busy`, 'RSS MB', 'rows written /s', 'start-up s', 'store'],
      rows.map((r) => [
        `${r.who === 'daemon' ? 'sla daemon' : 'blackbox + Prometheus'}${r.retry ? ' (run again)' : ''}`,
        r.n,
        fixed(r.expected),
        `${fixed(r.achieved)}${behind(r) ? ' (behind)' : ''}`,
        pct(r.okShare),
        r.who === 'daemon'
          ? `${ms(r.lagP50)} / ${ms(r.lagP99)} / ${ms(r.lagMax)}${r.skips ? ` (${r.skips} skipped)` : ''}`
          : `interval p50 ${fixed(r.interval?.['0.5'] ?? NaN, 3)} s, p99 ${fixed(r.interval?.['0.99'] ?? NaN, 3)} s; scrapes ${fixed(r.scrapes?.up ?? NaN)} of ${fixed(r.scrapes?.made ?? NaN)} came back`,
        `${fixed(r.cpuMsPerProbe, 3)} (${pct(r.cpuShare)})`,
        `${fixed(r.storeCpuMsPerProbe, 3)} (${pct(r.storeCpuShare)})`,
        fixed(r.cpuMsPerProbe + r.storeCpuMsPerProbe, 3),
        pct(r.coreBusyShare),
        r.who === 'daemon' ? fixed(r.rssMb) : `${fixed(r.rssMb)} + ${fixed(r.storeRssMb ?? NaN)}`,
        r.rowsPerSecond === undefined ? '–' : fixed(r.rowsPerSecond),
        r.startupS === undefined ? '–' : fixed(r.startupS, 1),
        r.who === 'daemon' ? 'PostgreSQL 15 (core 0)' : 'Prometheus TSDB (core 1)',
      ]),
    ),
    '',
    `Columns: CPU = the daemon's process / blackbox_exporter's; store = PostgreSQL / Prometheus; ms/probe = CPU over the window ÷ probes in it; (%) = share of one core; core ${CORE} busy = the whole core from /proc/stat, including other people's processes and softirq work; start-up = process start to \`startDaemon\` resolved (config, migrations, catalog sync), not in the window.`,
    '',
    '### Targets',
    '',
  );
  const at20k = daemon.filter((r) => r.n === RSS_TARGET_N).sort((a, b) => Number(behind(a)) - Number(behind(b)))[0];
  const ratio = (a: Row | undefined, b: Row | undefined) => (a === undefined || b === undefined ? NaN : (b.cpuMsPerProbe + b.storeCpuMsPerProbe) / (a.cpuMsPerProbe + a.storeCpuMsPerProbe));
  // Per-probe CPU is compared where both kept up at the same N.
  const sameN = daemon
    .filter((d) => !behind(d))
    .map((d) => [d, peer.find((p) => p.n === d.n && !behind(p))] as const)
    .filter((pair): pair is readonly [Row, Row] => pair[1] !== undefined);
  const ratios = sameN.map(([d, p]) => `${d.n}: ${fixed(ratio(d, p), 1)}×`).join(', ');
  lines.push(
    table(
      ['target', 'measured', 'met'],
      [
        [
          'sustained probes/s on one core ≥ 50 % of the raw undici new-connection ceiling, p99 lag < 1 s',
          ours === undefined || ceilingBest === undefined
            ? 'n/a'
            : `${fixed(ours.achieved)} /s at N = ${ours.n} (p99 ${ms(ours.lagP99)} ms) = ${pct(ours.achieved / ceilingBest)} of ${fixed(ceilingBest)} /s${daemon.every((r) => !behind(r)) ? '; never fell behind, so the real limit is higher' : ''}`,
          ours === undefined || ceilingBest === undefined ? '–' : ours.achieved >= 0.5 * ceilingBest ? 'yes' : daemon.every((r) => !behind(r)) ? 'not reached at the largest N' : 'no',
        ],
        [
          'CPU per probe ≤ ⅓ of blackbox_exporter + Prometheus (daemon + PostgreSQL vs exporter + Prometheus, same N)',
          ratios === '' ? 'n/a' : `peer ÷ ours: ${ratios}`,
          sameN.length === 0 ? '–' : sameN.every(([d, p]) => ratio(d, p) >= 3) ? 'yes' : 'no',
        ],
        ['RSS < 300 MB at 20,000 monitors on PostgreSQL', at20k === undefined ? 'n/a' : `${fixed(at20k.rssMb)} MB${behind(at20k) ? ' (while behind)' : ''}`, at20k === undefined ? '–' : at20k.rssMb < 300 ? 'yes' : 'no'],
      ],
    ),
    '',
    `Highest N kept up: daemon ${ours === undefined ? 'none' : `${ours.n} (${fixed(ours.achieved)} /s)`}, blackbox_exporter + Prometheus ${theirs === undefined ? (o.peers ? 'none' : 'not run') : `${theirs.n} (${fixed(theirs.achieved)} /s)`}.`,
    '',
  );
  return lines.join('\n');
}
