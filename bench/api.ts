import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// bench/ is not a workspace package: it reaches the daemon by path.
import { createScratchDatabase } from '../daemon/src/db/testing.ts';
import { seededRandom } from '../shared/src/random/seeded.ts';
import { DAEMON_ENV, DAEMON_NODE_FLAGS } from '../daemon/src/node-flags.ts';
import { startBenchPostgres } from './support/postgres.ts';
import { canPin, jsonEvents, onCleanup, startPinned, stopProcess, tail } from './support/processes.ts';
import { cpuMs, loadAverage } from './support/proc.ts';
import { command, fixed, machine, publish, table } from './support/report.ts';

// `pnpm bench api [--contracts 1000] [--components 40] [--requests 50]
//   [--requests-all N] [--engine postgres|pglite|both] [--cpu-prof DIR] [--no-write]`
//
// Issue #13: the operators' API on a year of facts. Every fact write re-runs
// the credit engine for each contract it can change (ledger/service.ts), so
// its latency grows with the contracts behind it: a maintenance window, a
// notice and a class override touch one component's contracts, an approved
// force majeure over every component touches all. GET
// /api/v1/maintenance/:id/verdicts judges one window for every contract it
// touches. The daemon (bench/support/api-daemon.ts, a real startDaemon with
// the Node flags it ships with) runs in its own process on CPU 0, its
// PostgreSQL (a throwaway cluster) on CPU 1; requests go over loopback HTTP
// with an operator's and an approver's bearer token, one at a time, each
// timed from send to the last byte of its answer. Targets: p95 < 100 ms for
// one component, < 1 s for all. Exits non-zero only when a request failed.

const DAEMON_CORE = 0;
const POSTGRES_CORE = 1;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Ready {
  url: string;
  operatorToken: string;
  approverToken: string;
  seedMs: number;
  startupMs: number;
  counts: Record<string, number>;
  coverage: Record<string, number>;
  windowIds: number[];
  outages: Array<[number, string]>;
}

interface Operation {
  name: string;
  /** What the engine re-runs for: one component's contracts, all, none (nothing recomputed), or a read. */
  scope: 'one' | 'all' | 'none' | 'read';
  /** Milliseconds per request. */
  ms: number[];
  /** Contracts the engine re-ran (or judged) per request. */
  contracts: number[];
  /** CPU per request (mean over the measured ones), from /proc: what the work costs whatever else the machine runs. */
  daemonCpuMs: number;
  databaseCpuMs: number;
}

interface Measured {
  engine: 'postgres' | 'pglite';
  ready: Ready;
  operations: Operation[];
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      contracts: { type: 'string', default: '1000' },
      components: { type: 'string', default: '40' },
      requests: { type: 'string', default: '50' },
      'requests-all': { type: 'string' },
      engine: { type: 'string', default: 'postgres' },
      'cpu-prof': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const n = Number(values.requests);
  const nAll = Number(values['requests-all'] ?? values.requests);
  const engines = values.engine === 'both' ? (['postgres', 'pglite'] as const) : [values.engine as 'postgres' | 'pglite'];
  const loadBefore = loadAverage();
  const started = new Date();
  const measured: Measured[] = [];
  for (const engine of engines) {
    const { target, databaseCpuMs } = await databaseFor(engine);
    const argv = [process.execPath, ...DAEMON_NODE_FLAGS, ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [])];
    argv.push(new URL('./support/api-daemon.ts', import.meta.url).pathname, ...target, '--contracts', values.contracts, '--components', values.components);
    const daemon = startPinned(canPin ? DAEMON_CORE : undefined, argv, { env: { ...process.env, ...DAEMON_ENV } });
    const why = tail(daemon);
    daemon.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    process.stderr.write(`${engine}: seeding ${values.contracts} contracts and starting the daemon\n`);
    const ready = (await jsonEvents(daemon, why)('ready', 3_600_000)) as unknown as Ready;
    process.stderr.write(`${engine}: seeded in ${fixed(ready.seedMs / 1000, 1)} s, daemon started in ${fixed(ready.startupMs / 1000, 1)} s\n`);
    try {
      const cpu = () => ({ daemon: cpuMs(daemon.pid!) ?? NaN, database: databaseCpuMs() });
      measured.push({ engine, ready, operations: await measure(ready, n, nAll, cpu, (line) => process.stderr.write(`${engine}: ${line}\n`)) });
    } finally {
      await stopProcess(daemon);
    }
  }
  publish(report(args, measured, started, loadBefore, loadAverage(), Number(values.contracts), Number(values.components)), args);
}

/**
 * The daemon's database arguments — a fresh database on a cluster of our own, or a PGlite folder —
 * and the CPU its server has used so far (PGlite runs inside the daemon: counted there).
 */
async function databaseFor(engine: 'postgres' | 'pglite'): Promise<{ target: string[]; databaseCpuMs: () => number }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'sla-bench-api-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    return { target: ['--pglite-dir', dir], databaseCpuMs: () => 0 };
  }
  const postgres = await startBenchPostgres(new URL('..', import.meta.url), canPin ? POSTGRES_CORE : undefined);
  return { target: ['--database-url', (await createScratchDatabase(postgres.url)).url], databaseCpuMs: postgres.cpuMs };
}

async function measure(ready: Ready, n: number, nAll: number, cpu: () => { daemon: number; database: number }, say: (line: string) => void): Promise<Operation[]> {
  // The bench's own choices (components, outages, instants): seeded, so two runs send the same requests.
  const random = seededRandom(20261313);
  const components = Object.keys(ready.coverage);
  const totalContracts = ready.counts.contracts!;
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const t0 = performance.now();
    const response = await fetch(`${ready.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const ms = performance.now() - t0;
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return { ms, body: JSON.parse(text) as { id: number; verdicts?: unknown[] } };
  };
  const operator = (method: string, path: string, body?: unknown) => call(ready.operatorToken, method, path, body);
  const approver = (method: string, path: string, body?: unknown) => call(ready.approverToken, method, path, body);
  const operations: Operation[] = [];
  // One unmeasured request first (JIT, connection), then `count` measured ones.
  const repeat = async (name: string, scope: Operation['scope'], count: number, once: () => Promise<{ ms: number; contracts: number }>) => {
    await once();
    const op: Operation = { name, scope, ms: [], contracts: [], daemonCpuMs: 0, databaseCpuMs: 0 };
    const before = cpu();
    for (let i = 0; i < count; i++) {
      const r = await once();
      op.ms.push(r.ms);
      op.contracts.push(r.contracts);
    }
    const after = cpu();
    op.daemonCpuMs = (after.daemon - before.daemon) / count;
    op.databaseCpuMs = (after.database - before.database) / count;
    operations.push(op);
    say(`${name}: p50 ${fixed(quantile(op.ms, 0.5), 1)} ms, p95 ${fixed(quantile(op.ms, 0.95), 1)} ms`);
  };

  // An infrastructure window announced for a night to come (22:30–00:30 Vietnam time, 15:30 UTC), on one component.
  const created: Array<{ id: number; component: string }> = [];
  await repeat('POST /api/v1/maintenance (one component)', 'one', n, async () => {
    const component = components[Math.floor(random() * components.length)]!;
    const night = Math.floor(Date.now() / DAY) * DAY + (3 + Math.floor(random() * 20)) * DAY + 15.5 * HOUR;
    const r = await operator('POST', '/api/v1/maintenance', { kind: 'infrastructure', title: 'Storage firmware', components: [component], startsAt: new Date(night).toISOString(), endsAt: new Date(night + 2 * HOUR).toISOString() });
    created.push({ id: r.body.id, component });
    return { ms: r.ms, contracts: ready.coverage[component]! };
  });
  let next = 0;
  await repeat('POST /api/v1/maintenance/:id/notices', 'one', n, async () => {
    const w = created[next++ % created.length]!;
    const r = await operator('POST', `/api/v1/maintenance/${w.id}/notices`, { sentAt: new Date().toISOString(), channel: 'email' });
    return { ms: r.ms, contracts: ready.coverage[w.component]! };
  });
  // A past outage raised to critical (or back to automatic): money changes for the contracts covering its component.
  const classes = ['critical', null, 'very_critical', 'normal'] as const;
  await repeat('POST /api/v1/outages/:id/class', 'one', n, async () => {
    const [id, component] = ready.outages[Math.floor(random() * ready.outages.length)]!;
    const r = await operator('POST', `/api/v1/outages/${id}/class`, { class: classes[Math.floor(random() * classes.length)], reason: 'customer escalation' });
    return { ms: r.ms, contracts: ready.coverage[component]! };
  });
  // Force majeure over every component, 2–8 h somewhere in the past year: declared (nothing recomputed), then approved (every contract).
  const declared: number[] = [];
  await repeat('POST /api/v1/force-majeure (declare)', 'none', nAll, async () => {
    const startsAt = Date.now() - Math.floor(1 + random() * 360) * DAY - Math.floor(random() * DAY);
    const r = await operator('POST', '/api/v1/force-majeure', { category: 'power_failure', description: 'Grid failure', evidence: 'https://example.com/evn', startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + (2 + Math.floor(random() * 6)) * HOUR).toISOString() });
    declared.push(r.body.id);
    return { ms: r.ms, contracts: 0 };
  });
  next = 0;
  await repeat('POST /api/v1/force-majeure/:id/approve (every component)', 'all', nAll - 1, async () => {
    const r = await approver('POST', `/api/v1/force-majeure/${declared[next++]!}/approve`);
    return { ms: r.ms, contracts: totalContracts };
  });
  await repeat('GET /api/v1/maintenance/:id/verdicts', 'read', n, async () => {
    const id = ready.windowIds[Math.floor(random() * ready.windowIds.length)]!;
    const r = await operator('GET', `/api/v1/maintenance/${id}/verdicts`);
    return { ms: r.ms, contracts: (r.body.verdicts ?? []).length };
  });
  return operations;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function report(args: string[], measured: Measured[], started: Date, loadBefore: string, loadAfter: string, contracts: number, components: number): string {
  const first = measured[0]?.ready;
  const coverage = first === undefined ? [] : Object.values(first.coverage).sort((a, b) => a - b);
  const targets: Record<Operation['scope'], { ms: number; text: string } | undefined> = {
    one: { ms: 100, text: 'p95 < 100 ms' },
    all: { ms: 1000, text: 'p95 < 1 s' },
    none: undefined,
    read: undefined,
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const lines = [
    `## Operators' API on a year of facts (\`bench api\`), ${started.toISOString().slice(0, 10)}`,
    '',
    `- Command: ${command('api', args)}`,
    `- Machine: ${machine()}; load average (1, 5, 15 min) before ${loadBefore}, after ${loadAfter}: the machine is shared with other work`,
    `- Seeded (daemon/src/ledger/testing.ts): ${contracts} contracts over ${components} components (1–4 each; contracts per component min ${coverage[0] ?? '–'}, median ${coverage[Math.floor(coverage.length / 2)] ?? '–'}, max ${coverage.at(-1) ?? '–'}), a year of ${Object.entries(first?.counts ?? {}).filter(([t]) => t !== 'contracts').map(([t, c]) => `${c} ${t}`).join(', ')}.` +
      ` The daemon${canPin ? ` on CPU ${DAEMON_CORE}` : ''} started with them (settling every ledger once) in ${measured.map((m) => `${fixed(m.ready.startupMs / 1000, 1)} s (${m.engine})`).join(', ')}.`,
    `- Method: requests one at a time over loopback HTTP with an operator's or an approver's token, each timed from send to last byte, after one unmeasured request of the same kind; PostgreSQL is a throwaway 15 cluster${canPin ? ` on CPU ${POSTGRES_CORE}` : ''} (fsync off). A window: infrastructure, one random component, a night to come. A notice: e-mail, on those windows. A class override: a random past outage. Force majeure: every component, 2–8 h in the past year, declared by the operator then approved by the approver (approval is what re-runs the engine). Verdicts: a random seeded window. CPU per request: user + system time of the daemon and of every PostgreSQL process from /proc over the measured requests, over their number (10 ms ticks): the cost of the work whatever else runs on the machine.`,
    '',
    table(
      ['engine', 'operation', 'requests', 'contracts per request (mean)', 'p50 ms', 'p95 ms', 'max ms', 'CPU ms per request, daemon + database', 'target'],
      measured.flatMap((m) =>
        m.operations.map((op) => {
          const target = targets[op.scope];
          const p95 = quantile(op.ms, 0.95);
          return [m.engine === 'postgres' ? 'PostgreSQL 15' : 'PGlite', `\`${op.name}\``, op.ms.length, fixed(mean(op.contracts)), fixed(quantile(op.ms, 0.5), 1), fixed(p95, 1), fixed(Math.max(...op.ms), 1), `${fixed(op.daemonCpuMs)} + ${m.engine === 'pglite' ? '(in the daemon)' : fixed(op.databaseCpuMs)}`, target === undefined ? '–' : `${target.text}: ${p95 < target.ms ? 'met' : 'missed'}`];
        }),
      ),
    ),
    '',
  ];
  return lines.join('\n');
}
