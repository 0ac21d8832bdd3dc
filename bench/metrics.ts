import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism } from 'node:os';
import process from 'node:process';
import { parseArgs } from 'node:util';
// bench/ is not a workspace package: it reaches the daemon and its dependencies by path.
import { sql } from '../daemon/node_modules/kysely/dist/index.js';
import { parseConfig } from '../shared/src/index.ts';
import { syncCatalog } from '../daemon/src/catalog/catalog.repository.ts';
import { systemClock } from '../daemon/src/clock.ts';
import { openTestDatabase } from '../daemon/src/db/testing.ts';
import { createTracker } from '../daemon/src/detection/tracker.ts';
import { createDaemonMetrics } from '../daemon/src/metrics/daemon-metrics.ts';
import { readOutageSeconds } from '../daemon/src/metrics/outage-seconds.ts';
import { createUptimeReader } from '../daemon/src/metrics/uptime.ts';
import { createPublicReadModel } from '../daemon/src/public/read-model.ts';
import { startMetricsListener } from '../daemon/src/server/metrics-listener.ts';
import { startPrometheus } from '../test/support/prometheus.ts';

// `pnpm bench metrics [--monitors 1000,10000] [--per-component 10] [--scrapes 20] [--no-prometheus] [--no-write]`:
// /metrics of N http monitors (https targets, so every per-monitor family
// has samples), each probed 3 times, served by the daemon's own route and
// server, with its real tracker and a database holding 90 days of day
// rollups, 48 h of hour rollups and the last hour of raw results per
// monitor. Issue #6 target: a scrape under 100 ms at 10,000 monitors.
// Reported: CPU and wall time of one render in process, a scrape over
// loopback by a Node client and by a real Prometheus, and the pieces: the
// tracker's component statuses, and the database refreshes (uptime, outage
// seconds) that run off the scrape path.

const HOUR = 3_600_000;

interface Row {
  monitors: number;
  components: number;
  seedS: number;
  bytes: number;
  samples: number;
  renderCpu: number;
  renderWall: number;
  statusCpu: number;
  node: number[];
  prometheus?: { p50: number; p90: number; max: number; count: number; failed: number };
  firstMs: number;
  uptimeMs: number;
  uptimeStallMs: number;
  outageMs: number;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      monitors: { type: 'string', default: '1000,10000' },
      'per-component': { type: 'string', default: '10' },
      scrapes: { type: 'string', default: '20' },
      'no-prometheus': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const rows: Row[] = [];
  for (const monitors of values.monitors.split(',').map(Number))
    rows.push(await measure(monitors, Number(values['per-component']), Number(values.scrapes), !values['no-prometheus']));
  const section = report(rows, args, Number(values.scrapes));
  process.stdout.write(section);
  if (!values['no-write']) appendFileSync(new URL('../docs/benchmarks.md', import.meta.url), `\n${section}`);
}

async function measure(monitorCount: number, perComponent: number, scrapes: number, withPrometheus: boolean): Promise<Row> {
  const componentCount = Math.ceil(monitorCount / perComponent);
  const lines = ['components:'];
  for (let c = 0; c < componentCount; c++) lines.push(`  - { id: c${c}, name: Component ${c}, tier: ${c % 2 === 0 ? 'core' : 'feature'} }`);
  lines.push('monitors:');
  for (let m = 0; m < monitorCount; m++) lines.push(`  - { id: m${m}, component: c${Math.floor(m / perComponent)}, kind: http, target: "https://svc${m}.example.test/health", interval: 60s }`);
  const parsed = parseConfig(lines.join('\n'), 'bench.yaml');
  if (!parsed.ok) throw new Error(`bench config invalid: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
  const config = parsed.config;

  const opened = await openTestDatabase('pglite');
  const db = opened.db;
  const now = Date.now();
  await syncCatalog(db, config, new Date(now));
  const seed = await time(async () => {
    const hourNow = Math.floor(now / HOUR) * HOUR;
    await sql`insert into probe_rollups (monitor_id, resolution, bucket, up, degraded, down, unknown)
      select m.id, 'day', d, 1430, 5, 5, 0 from monitors m, generate_series(${new Date(hourNow - 91 * 24 * HOUR)}::timestamptz, ${new Date(hourNow - 24 * HOUR)}::timestamptz, interval '1 day') d`.execute(db);
    await sql`insert into probe_rollups (monitor_id, resolution, bucket, up, degraded, down, unknown)
      select m.id, 'hour', h, 59, 0, 1, 0 from monitors m, generate_series(${new Date(hourNow - 48 * HOUR)}::timestamptz, ${new Date(hourNow - HOUR)}::timestamptz, interval '1 hour') h`.execute(db);
    // Uptime is time-based (the status page's rule): watched for 91 days, 20 closed outages per component over the 90 days.
    await sql`update components set created_at = ${new Date(hourNow - 91 * 24 * HOUR)}`.execute(db);
    await sql`insert into outages (component_id, impact, started_at, ended_at, failure_kind)
      select c.id, case when k % 3 = 0 then 'partial_outage' else 'major_outage' end, t, t + interval '7 minutes', 'timeout'
      from components c, generate_series(1, 20) k, lateral (select ${new Date(now)}::timestamptz - k * interval '4 days 3 hours' as t) s`.execute(db);
    await sql`insert into probe_results (monitor_id, at, state, duration_ms)
      select m.id, t, case when random() < 0.01 then 'down' else 'up' end, 12 from monitors m, generate_series(${new Date(now - HOUR)}::timestamptz, ${new Date(now)}::timestamptz, interval '1 minute') t`.execute(db);
  });

  const tracker = await createTracker(db);
  await tracker.setMonitors(config.monitors.map((m) => ({ id: m.id, componentId: m.component, thresholds: config.detection })), now);
  const publicRead = (at: () => number) => createPublicReadModel({ db, liveStatus: (id) => tracker.status(id), now: at, policy: () => config.policy });
  const metrics = createDaemonMetrics({ db, tracker, config: () => config, clock: systemClock, publicRead: publicRead(systemClock.now), logger: { info: () => {}, warn: () => {}, error: (m, e) => console.error(m, e) }, version: 'bench' });
  for (let round = 0; round < 3; round++)
    for (const m of config.monitors)
      metrics.recordProbe(m, { state: 'up', durationMs: 40 + round * 30, httpStatus: 200, tlsNotAfter: now + 60 * 24 * HOUR, timings: { connectMs: 5, tlsMs: 15, firstByteMs: 35 + round * 30 } }, 'up');

  // The metrics start their first database refresh at once; let it finish so it does not run under the measured scrapes.
  const first = await time(async () => {
    while (!(await metrics.render()).includes('# TYPE sla_uptime_ratio')) await new Promise((r) => setTimeout(r, 100));
  });

  // Embedded PGlite runs queries on the event loop: how long does the refresh hold it at a stretch?
  let uptimeStallMs = 0;
  let tick = performance.now();
  const ticker = setInterval(() => {
    const t = performance.now();
    uptimeStallMs = Math.max(uptimeStallMs, t - tick);
    tick = t;
  }, 5);
  const reader = createUptimeReader(publicRead(() => now));
  const uptime = await time(() => reader());
  clearInterval(ticker);
  const outage = await time(() => readOutageSeconds(db));
  const statusCpu = median(Array.from({ length: 5 }, () => cpuMs(() => config.components.forEach((c) => { tracker.status(c.id); }))));

  // The daemon's own /metrics route and server, on a listener of its own (config metrics.listen).
  const listener = await startMetricsListener({ listen: '127.0.0.1:0', metrics, settings: () => config.metrics, logError: (m, e) => console.error(m, e) });
  for (let i = 0; i < 3; i++) await scrape(listener.url);
  const encoder = new TextEncoder();
  const renders: Array<{ cpu: number; wall: number }> = [];
  for (let i = 0; i < 10; i++) {
    const c = cpuNow();
    const w = performance.now();
    for (const part of await metrics.renderParts()) encoder.encode(part); // what the route does, less the socket
    renders.push({ cpu: cpuNow() - c, wall: performance.now() - w });
  }
  const node: Array<{ ms: number; bytes: number }> = [];
  for (let i = 0; i < scrapes; i++) node.push(await scrape(listener.url));
  const samples = (await metrics.render()).split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;

  let prometheus: Row['prometheus'];
  if (withPrometheus) {
    // Every 3 s, timeout as long: a slow scrape is measured, not dropped. Its scrape_duration_seconds
    // includes storing the samples (the first scrape creates every series), so it is its cost as much as ours.
    const p = await startPrometheus(new URL(listener.url).host, { scrapeInterval: '3s', scrapeTimeout: '3s' });
    await new Promise((r) => setTimeout(r, (scrapes * 3 + 4) * 1000));
    const q = async (promql: string) => Number((await p.query(promql))[0]?.value[1] ?? NaN);
    const range = `[${scrapes * 3 + 3}s]`;
    prometheus = {
      p50: 1000 * (await q(`quantile_over_time(0.5, scrape_duration_seconds${range})`)),
      p90: 1000 * (await q(`quantile_over_time(0.9, scrape_duration_seconds${range})`)),
      max: 1000 * (await q(`max_over_time(scrape_duration_seconds${range})`)),
      count: await q(`count_over_time(scrape_duration_seconds${range})`),
      failed: await q(`count_over_time(up${range}) - sum_over_time(up${range})`),
    };
    await p.stop();
  }
  await listener.close();
  metrics.close();
  await opened.close();
  return {
    monitors: monitorCount,
    components: componentCount,
    seedS: seed.ms / 1000,
    bytes: node[0]!.bytes,
    samples,
    renderCpu: median(renders.map((r) => r.cpu)),
    renderWall: median(renders.map((r) => r.wall)),
    statusCpu,
    node: node.map((n) => n.ms),
    prometheus,
    firstMs: first.ms,
    uptimeMs: uptime.ms,
    uptimeStallMs,
    outageMs: outage.ms,
  };
}

function report(rows: Row[], args: string[], scrapes: number): string {
  const cpu = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? 'unknown';
  const load = existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'unknown';
  const f = (x: number) => x.toFixed(0);
  const prometheus = rows[0]?.prometheus;
  return [
    `## /metrics scrape, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `- Command: \`npx -y pnpm@10 bench metrics${args.length > 0 ? ` ${args.join(' ')}` : ''}\` (runs \`node bench/main.ts metrics\`)`,
    `- Machine: ${cpu}, nproc ${availableParallelism()}, Node ${process.version}, ${process.platform}/${process.arch}; load average ${load} at the end (shared with other work: wall times swing, CPU times less)`,
    `- Setup per size: http monitors, 10 per component, each probed 3 times (every per-monitor family has samples); the real tracker; PGlite in memory with 90 d of day rollups, 48 h of hour rollups and the last hour of raw results per monitor, 20 outages per component over 90 d`,
    `- Method: the daemon's own /metrics route and server (\`metrics.listen\`) on loopback; after the first database refresh (started with the metrics; until it ends, a scrape waits for it at most 2 s), 3 warm-up scrapes, then: 10 renders in process, encoded as the route sends them (CPU and wall, medians; the tracker's share measured apart), ${scrapes} GETs by a Node http client (full body), and ${prometheus ? `scrapes by Prometheus 2.42 every 3 s (its \`scrape_duration_seconds\`, which includes storing the samples; the first one creates every series)` : 'no Prometheus (--no-prometheus)'}`,
    '',
    '| monitors / components | body | samples | render CPU ms | of which component statuses (tracker) | render wall ms | Node client ms p50 / p90 / max | Prometheus ms p50 / p90 / max (scrapes, failed) | first refresh ms | uptime refresh ms (longest event-loop stall) | outage-seconds refresh ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.monitors} / ${r.components} | ${(r.bytes / 1e6).toFixed(1)} MB | ${r.samples} | ${f(r.renderCpu)} | ${f(r.statusCpu)} | ${f(r.renderWall)} | ` +
        `${f(quantile(r.node, 0.5))} / ${f(quantile(r.node, 0.9))} / ${f(Math.max(...r.node))} | ` +
        `${r.prometheus ? `${f(r.prometheus.p50)} / ${f(r.prometheus.p90)} / ${f(r.prometheus.max)} (${r.prometheus.count}, ${r.prometheus.failed})` : '—'} | ` +
        `${f(r.firstMs)} | ${f(r.uptimeMs)} (${f(r.uptimeStallMs)}) | ${f(r.outageMs)} |`,
    ),
    '',
    'Uptime and outage seconds are refreshed in the background at most every 30 s (or ten times their own duration, whichever is longer), off the scrape path. Uptime is the status page’s time-based rule over outages, maintenance, force majeure and unwatched periods of 90 days (daemon/src/metrics/uptime.ts). On embedded PGlite a running refresh still holds the event loop for up to the stall shown, one query at a time.',
    '',
  ].join('\n');
}

/** A GET read to the end by node:http, on a fresh connection (a kept-alive one may be closed by the server while idle). */
function scrape(url: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => { bytes += chunk.length; });
      res.on('end', () => resolve({ ms: performance.now() - start, bytes }));
    })
      .on('error', reject)
      .end();
  });
}

async function time<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const cpuMs = (work: () => void) => {
  const start = cpuNow();
  work();
  return cpuNow() - start;
};
const median = (xs: number[]) => quantile(xs, 0.5);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
