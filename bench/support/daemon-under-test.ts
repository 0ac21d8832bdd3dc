import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics } from 'node:v8';
// bench/ is not a workspace package: it reaches the daemon and its dependencies by path.
import { Counter, Histogram } from '../../daemon/node_modules/prom-client/index.js';
import { formatProblem, type Config } from '../../shared/src/index.ts';
import { systemClock } from '../../daemon/src/clock.ts';
import { loadConfigFile } from '../../daemon/src/config/load.ts';
import { startDaemon } from '../../daemon/src/daemon.ts';
import { migrateToLatest } from '../../daemon/src/db/migrate.ts';
import { openDatabase } from '../../daemon/src/db/open.ts';
import { claimLocation } from '../../daemon/src/leadership/leader.ts';
import type { Logger } from '../../daemon/src/logger.ts';

// The daemon under test, in its own process (the parent pins it with taskset):
// startDaemon with a generated config of N HTTP monitors, no status site, on
// the PostgreSQL database it is given. It reports its own numbers as JSON
// lines on stdout: {"event":"started"} once start-up is over, {"event":"window"}
// when the steady window opens (after the warm-up), then {"event":"result"}.
//
// Scheduler lag and skips are the values the daemon itself hands to its
// metrics (sla_scheduler_lag_seconds, sla_scheduler_skipped_runs_total), taken
// unrounded by wrapping prom-client's observe/inc here: the metric's buckets
// are too coarse for a p99. Probes are counted by the parent in the database
// (results whose `at` falls in the window this process reports).
//
// With --location NAME (bench probes --locations K) it is that location on
// the shared database, electing a leader with the others (issue #14), and its
// result says whether it led at the window's end; without, it is the only
// daemon ('local'), as `pnpm daemon` on one database. With --go-on-stdin the
// warm-up starts at the first line on stdin, so K daemons' windows coincide.

const { values } = parseArgs({
  options: {
    monitors: { type: 'string' },
    target: { type: 'string' },
    interval: { type: 'string', default: '10s' },
    timeout: { type: 'string', default: '5s' },
    'database-url': { type: 'string' },
    'warmup-ms': { type: 'string', default: '15000' },
    'window-ms': { type: 'string', default: '60000' },
    location: { type: 'string' },
    'go-on-stdin': { type: 'boolean', default: false },
  },
});
const n = Number(values.monitors);
const target = values.target!;
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

let counting = false;
const lags: number[] = [];
let skips = 0;
// prom-client binds observe/inc to these at construction (15.x); fail loudly if that changes.
type Method = (this: object, ...args: unknown[]) => void;
const histogram = Histogram.prototype as unknown as { observeWithoutExemplar: Method };
const counter = Counter.prototype as unknown as { incWithoutExemplar: Method };
if (typeof histogram.observeWithoutExemplar !== 'function' || typeof counter.incWithoutExemplar !== 'function')
  throw new Error('prom-client changed: cannot hook observe/inc to read the daemon\'s own lag and probe counts');
const observe = histogram.observeWithoutExemplar;
histogram.observeWithoutExemplar = function (...args) {
  // observe(value) arrives as (value); observe(labels, value) as (labels, value).
  if (counting && nameOf(this) === 'sla_scheduler_lag_seconds') lags.push((typeof args[0] === 'number' ? args[0] : args[1]) as number);
  return observe.apply(this, args);
};
const inc = counter.incWithoutExemplar;
counter.incWithoutExemplar = function (...args) {
  if (counting) {
    if (nameOf(this) === 'sla_scheduler_skipped_runs_total') skips++;
  }
  return inc.apply(this, args);
};

const errors = new Map<string, number>();
const logger: Logger = {
  info: () => {},
  warn: (m) => process.stderr.write(`WARN ${m}\n`),
  error: (m, e) => {
    const key = m.replace(/m-\d+/g, 'm-N');
    errors.set(key, (errors.get(key) ?? 0) + 1);
    if ((errors.get(key) ?? 0) <= 3) process.stderr.write(`ERROR ${m}: ${e instanceof Error ? e.message : String(e)}\n`);
  },
};

const pad = (i: number) => String(i).padStart(5, '0');
const config = await loadGeneratedConfig();

const startedAt = performance.now();
const database = await openDatabase({ url: values['database-url']! });
await migrateToLatest(database.db);
const leadership = values.location === undefined ? undefined : await claimLocation(values['database-url']!, { location: values.location, logger });
const daemon = await startDaemon({ config, db: database.db, clock: systemClock, logger, port: 0, statusSite: false, leadership });
say({ event: 'started', startupMs: performance.now() - startedAt, rssMb: process.memoryUsage.rss() / 2 ** 20 });
if (values['go-on-stdin']) await new Promise((resolve) => process.stdin.once('data', resolve));

await sleep(Number(values['warmup-ms']));
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
counting = true;
const cpu = process.cpuUsage();
const windowStart = performance.now();
const windowStartMs = Date.now();
say({ event: 'window' });
await sleep(Number(values['window-ms']));
counting = false;
const windowEndMs = Date.now();
const leading = leadership?.leading() ?? true;
const used = process.cpuUsage(cpu);
const seconds = (performance.now() - windowStart) / 1000;
loopDelay.disable();
const rssMb = process.memoryUsage.rss() / 2 ** 20;
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
// Where the RSS is: V8's spaces as committed in memory (live objects and not-yet-collected garbage).
const heapSpacesMb = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, Math.round(s.physical_space_size / 2 ** 20)]));
lags.sort((a, b) => a - b);
const quantile = (q: number) => (lags.length === 0 ? NaN : lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]!);
say({
  event: 'result',
  leading,
  seconds,
  windowStartMs,
  windowEndMs,
  starts: lags.length,
  skips,
  lagP50: quantile(0.5),
  lagP99: quantile(0.99),
  lagMax: lags.at(-1) ?? NaN,
  loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  cpuMs: (used.user + used.system) / 1000,
  cpuUserMs: used.user / 1000,
  rssMb,
  heapMb,
  heapSpacesMb,
  externalMb: process.memoryUsage().external / 2 ** 20,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  errors: Object.fromEntries(errors),
});
await daemon.stop();
await database.close();
process.exit(0);

/**
 * Written as YAML and loaded the way main.ts loads sla.yaml (config/load.ts), so the
 * parse's memory is part of what is measured; the text is gone once this returns.
 * One component per 100 monitors, as an operator would group them.
 */
async function loadGeneratedConfig(): Promise<Config> {
  const yaml = ['components:'];
  for (let c = 0; c < Math.ceil(n / 100); c++) yaml.push(`  - id: c-${pad(c)}`, `    name: Component ${c}`, '    tier: core');
  yaml.push('monitors:');
  for (let i = 0; i < n; i++)
    yaml.push(`  - id: m-${pad(i)}`, `    component: c-${pad(Math.floor(i / 100))}`, '    kind: http', `    target: ${target}/t/${pad(i)}`, `    interval: ${values.interval}`, `    timeout: ${values.timeout}`);
  yaml.push('server: { port: 0, host: 127.0.0.1 }');
  const dir = mkdtempSync(join(tmpdir(), 'sla-bench-config-'));
  const file = join(dir, 'sla.yaml');
  try {
    writeFileSync(file, `${yaml.join('\n')}\n`);
    const loaded = await loadConfigFile(file);
    if (!loaded.ok) throw new Error(`the generated config is invalid:\n${loaded.problems.map(formatProblem).join('\n')}`);
    return loaded.config;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function nameOf(metric: object): string {
  return (metric as { name?: string }).name ?? '';
}
