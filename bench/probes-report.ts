// The probes bench's report (bench/probes.ts runs it): its rows, what counts
// as falling behind, the stderr log line per run and the markdown section
// written to docs/benchmarks.md.
import { DAEMON_COMMAND } from '../daemon/src/node-flags.ts';
import { command, fixed, machine, table } from './support/report.ts';

export const CORE = 1;
export const SIDE = 0;
export const FALLS_BEHIND = 0.95;
export const RSS_TARGET_N = 20_000;

export interface Options {
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
  /** Daemons, each a location, on one PostgreSQL (issue #14); 1 = the daemon alone. */
  locations: number;
}

export interface Ceiling {
  concurrency: number;
  perSecond: number;
  cpuUsPerRequest: number;
  failures: number;
}

export interface Row {
  who: 'daemon' | 'peer';
  n: number;
  /** With --locations K: this daemon's location, and whether it led at the window's end. */
  location?: string;
  led?: boolean;
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
  /** PostgreSQL's rows written ÷ every location's probes. */
  rowsPerProbe?: number;
  startupS?: number;
  errors?: Record<string, number>;
  loopDelayP99Ms?: number;
  /** Peer: scrapes made and scrapes that came back, in the window. */
  scrapes?: { made: number; up: number };
  /** A re-run after falling behind (shared machine: one bad minute is not a limit). */
  retry?: boolean;
}

/** Fewer than 95 % of the expected probes, or p99 lag of 1 s or more. */
export const behind = (r: Row) => r.achieved < FALLS_BEHIND * r.expected || (r.lagP99 ?? 0) >= 1;

export function log(r: Row): void {
  process.stderr.write(
    `${r.who}${r.location === undefined ? '' : ` ${r.location}${r.led ? ' (leader)' : ''}`} N=${r.n}${r.retry ? ' (again)' : ''}: ${fixed(r.achieved)}/${fixed(r.expected)} probes/s, ${fixed(r.cpuMsPerProbe, 3)} + ${fixed(r.storeCpuMsPerProbe, 3)} ms CPU/probe, RSS ${fixed(r.rssMb)} MB` +
      `${r.lagP99 === undefined ? '' : `, lag p50 ${fixed(r.lagP50! * 1000, 1)} ms p99 ${fixed(r.lagP99 * 1000, 1)} ms max ${fixed(r.lagMax! * 1000)} ms, ${r.skips} skipped, event-loop delay p99 ${fixed(r.loopDelayP99Ms ?? NaN)} ms, start-up ${fixed(r.startupS ?? NaN, 1)} s`}` +
      `${r.scrapes === undefined ? '' : `, scrapes ${r.scrapes.up}/${r.scrapes.made} up`}${r.errors && Object.keys(r.errors).length > 0 ? `, errors ${JSON.stringify(r.errors)}` : ''}\n`,
  );
}

export function report(o: Options, args: string[], rows: Row[], ceilings: Ceiling[][], started: Date, loadBefore: string, loadAfter: string): string {
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
      ` (.ci/start-postgres, fsync off) and this orchestrator. Core ${CORE} runs one thing at a time: the raw undici loop, the daemon${o.locations > 1 ? ` (here ${o.locations} daemons at once, below)` : ''}, or blackbox_exporter + Prometheus.` +
      ` Daemon = \`startDaemon\` in its own process (\`taskset -c ${CORE}\`), N HTTP monitors (default \`keepAlive: false\`: a new connection per probe), interval ${o.intervalS} s, timeout ${o.timeoutS} s, one component per 100 monitors, status site off, started as \`${[DAEMON_COMMAND, ...o.daemonFlags].join(' ')}\`, on PostgreSQL (not PGlite: its CPU would land in the daemon's process).` +
      ` Peer = blackbox_exporter 0.23 (\`http_2xx\`) + Prometheus 2.42 scraping \`/probe?target=…\` for the same N URLs, scrape_interval ${o.intervalS} s, both on core ${CORE}.` +
      (o.locations > 1
        ? ` Locations: ${o.locations} daemon processes (locations loc-1…loc-${o.locations}, one electing leader, issue #14) on one PostgreSQL database, each probing the same N monitors, all ${o.locations} on core ${CORE} at once: they share that core (this machine has 2), so each one's CPU per probe is its own process's, and the "core ${CORE} busy" column is all of them; their warm-ups start together. PostgreSQL's CPU and rows written are the database's for every location, divided by all of their probes.`
        : '') +
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
        `${r.who === 'daemon' ? `sla daemon${r.location === undefined ? '' : `, location ${r.location}${r.led ? ' (leader)' : ''}`}` : 'blackbox + Prometheus'}${r.retry ? ' (run again)' : ''}`,
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
    ...sharedDatabase(o, daemon),
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

/** With --locations K: what the one PostgreSQL does for the K daemons, per run. */
function sharedDatabase(o: Options, daemon: Row[]): string[] {
  if (o.locations <= 1) return [];
  const runs = daemon.filter((r) => r.location === 'loc-1');
  return [
    `### One PostgreSQL for ${o.locations} locations`,
    '',
    table(
      ['N', 'leader', 'probes /s, all locations', 'PostgreSQL CPU ms/probe', 'PostgreSQL CPU (share of a core)', 'rows written /probe', 'rows written /s'],
      runs.map((first) => {
        const run = daemon.slice(daemon.indexOf(first), daemon.indexOf(first) + o.locations);
        return [
          `${first.n}${first.retry ? ' (run again)' : ''}`,
          run.find((r) => r.led)?.location ?? 'none',
          fixed(run.reduce((sum, r) => sum + r.achieved, 0)),
          fixed(first.storeCpuMsPerProbe, 3),
          `${fixed(first.storeCpuShare * 100)} %`,
          fixed(first.rowsPerProbe ?? NaN, 2),
          fixed(first.rowsPerSecond ?? NaN),
        ];
      }),
    ),
    '',
  ];
}
