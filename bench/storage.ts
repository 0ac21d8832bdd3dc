import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// bench/ is not a workspace package: it reaches the daemon and its dependencies by path.
import { sql, type Kysely } from '../daemon/node_modules/kysely/dist/index.js';
import { configSchema } from '../shared/src/index.ts';
import type { Database } from '../daemon/src/db/database.ts';
import { migrateToLatest } from '../daemon/src/db/migrate.ts';
import { openDatabase, type OpenedDatabase } from '../daemon/src/db/open.ts';
import { createScratchDatabase } from '../daemon/src/db/testing.ts';
import type { Retention } from '../daemon/src/results/rollups.ts';
import { startBenchPostgres } from './support/postgres.ts';
import { onCleanup } from './support/processes.ts';
import { loadAverage } from './support/proc.ts';
import { command, fixed, machine, publish, table } from './support/report.ts';
import { simulateYear } from './support/simulated-year.ts';

// `pnpm bench storage [--monitors 1000] [--interval 60] [--days 365]
//   [--full-days N] [--engine postgres|pglite|both] [--retention raw=7d,hour=90d] [--no-write]`
// --full-days: how many of the last days go through the real writer, rollup
// and packing jobs (default: the raw-results window + 1 day).
//
// Issue #7: what a year of 1,000 monitors at 60 s costs on disk, through the
// real write, rollup and retention code (bench/support/simulated-year.ts says
// exactly what is simulated how). Retention defaults come from the config
// schema; --retention overrides them to measure a proposal. Exits non-zero
// only when something broke, never on a threshold.

const DAY = 86_400_000;
const TABLES = ['probe_results', 'probe_result_hours', 'probe_rollups'] as const;

interface Measured {
  engine: 'postgres' | 'pglite';
  databaseMb: number;
  folderMb?: number;
  tables: Array<{ name: string; rows: number; heapMb: number; indexMb: number; totalMb: number; byResolution?: Record<string, number> }>;
  /** Probe results stored at the end, raw and packed. */
  resultsKept: number;
  /** The latest migration applied: which storage format was measured. */
  schema: string;
  results: number;
  syntheticRollupRows: number;
  minutes: number;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      monitors: { type: 'string', default: '1000' },
      interval: { type: 'string', default: '60' },
      days: { type: 'string', default: '365' },
      'full-days': { type: 'string' },
      engine: { type: 'string', default: 'postgres' },
      retention: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const retention = retentionFrom(values.retention);
  const days = Number(values.days);
  // Every result retention keeps at the end came through the real path.
  const fullDays = Math.min(days, values['full-days'] === undefined ? Math.ceil(retention.rawResults / DAY) + 1 : Number(values['full-days']));
  const o = { monitors: Number(values.monitors), intervalS: Number(values.interval), days, fullDays, retention, start: Date.parse('2026-01-01T00:00:00Z') };
  const engines = values.engine === 'both' ? (['postgres', 'pglite'] as const) : [values.engine as 'postgres' | 'pglite'];
  const loadBefore = loadAverage();
  const started = new Date();
  const measured: Measured[] = [];
  for (const engine of engines) {
    const t0 = performance.now();
    const { opened, folder, done } = await open(engine);
    try {
      await migrateToLatest(opened.db);
      const totals = await simulateYear(opened.db, {
        ...o,
        onDay: (day, phase) => {
          if (day % 10 === 9 || phase === 'full') process.stderr.write(`${engine}: day ${day + 1}/${days} (${phase}), ${fixed((performance.now() - t0) / 60_000, 1)} min\n`);
        },
      });
      const sizes = await sizesOf(opened.db, engine);
      await opened.close();
      measured.push({ engine, ...sizes, folderMb: folder === undefined ? undefined : duMb(folder), ...totals, minutes: (performance.now() - t0) / 60_000 });
    } finally {
      await done();
    }
  }
  publish(report(args, o, measured, started, loadBefore, loadAverage()), args);
}

function retentionFrom(text: string | undefined): Retention {
  const defaults = configSchema.parse({ components: [{ id: 'c', name: 'c', tier: 'core' }] }).retention;
  if (text === undefined) return defaults;
  const keys = { raw: 'rawResults', hour: 'hourRollups' } as const;
  const out = { ...defaults };
  for (const part of text.split(',')) {
    const [key, value] = part.split('=') as [keyof typeof keys, string];
    if (keys[key] === undefined) throw new Error(`--retention: unknown key ${key} (raw, hour)`);
    const parsed = configSchema.parse({ components: [{ id: 'c', name: 'c', tier: 'core' }], retention: { [keys[key]]: value } }).retention;
    out[keys[key]] = parsed[keys[key]];
  }
  return out;
}

async function open(engine: 'postgres' | 'pglite'): Promise<{ opened: OpenedDatabase; folder?: string; done: () => Promise<void> }> {
  if (engine === 'pglite') {
    const folder = mkdtempSync(join(tmpdir(), 'sla-bench-pglite-'));
    onCleanup(() => rmSync(folder, { recursive: true, force: true }));
    return { opened: await openDatabase({ dir: folder }), folder, done: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  // A cluster of our own: its size is ours alone, and it is thrown away after.
  const postgres = await startBenchPostgres(new URL('..', import.meta.url), undefined);
  const scratch = await createScratchDatabase(postgres.url);
  return { opened: await openDatabase({ url: scratch.url }), done: async () => postgres.stop() };
}

async function sizesOf(db: Kysely<Database>, engine: 'postgres' | 'pglite'): Promise<Pick<Measured, 'databaseMb' | 'tables' | 'schema' | 'resultsKept'>> {
  const mb = (bytes: unknown) => Number(bytes) / 2 ** 20;
  const { rows: [database] } = await sql<{ bytes: string }>`select pg_database_size(current_database())::float8 as bytes`.execute(db);
  const tables = [];
  for (const name of TABLES) {
    const { rows: [size] } = await sql<{ heap: string; indexes: string; total: string; rows: number }>`
      select pg_table_size(${name}::regclass)::float8 as heap, pg_indexes_size(${name}::regclass)::float8 as indexes,
        pg_total_relation_size(${name}::regclass)::float8 as total, (select count(*)::float8 from ${sql.table(name)}) as rows
    `.execute(db);
    const byResolution =
      name === 'probe_rollups'
        ? Object.fromEntries((await sql<{ resolution: string; n: number }>`select resolution, count(*)::float8 as n from probe_rollups group by resolution`.execute(db)).rows.map((r) => [r.resolution, Number(r.n)]))
        : undefined;
    tables.push({ name, rows: Number(size!.rows), heapMb: mb(size!.heap), indexMb: mb(size!.indexes), totalMb: mb(size!.total), byResolution });
  }
  void engine;
  const { rows: [latest] } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  const { rows: [kept] } = await sql<{ n: number }>`
    select (select count(*) from probe_results)::float8 + (select coalesce(sum(cardinality(offsets_ms)), 0) from probe_result_hours)::float8 as n
  `.execute(db);
  return { databaseMb: mb(database!.bytes), tables, schema: latest?.name ?? 'none', resultsKept: Number(kept!.n) };
}

function duMb(folder: string): number {
  return Number(execFileSync('du', ['-sk', folder], { encoding: 'utf8' }).split('\t')[0]) / 1024;
}

function report(
  args: string[],
  o: { monitors: number; intervalS: number; days: number; fullDays: number; retention: Retention },
  measured: Measured[],
  started: Date,
  loadBefore: string,
  loadAfter: string,
): string {
  const d = (ms: number) => `${fixed(ms / DAY, ms % DAY === 0 ? 0 : 2)} d`;
  const lines = [
    `## Storage for a year (\`bench storage\`), ${started.toISOString().slice(0, 10)}`,
    '',
    `- Command: ${command('storage', args)}`,
    `- Machine: ${machine()}; load average before ${loadBefore}, after ${loadAfter}`,
    `- Schema: migrations up to \`${[...new Set(measured.map((m) => m.schema))].join(', ')}\``,
    `- Simulated: ${o.monitors} monitors every ${o.intervalS} s for ${o.days} days (${fixed((o.monitors * o.days * 86_400) / o.intervalS / 1e6)} M probes), retention raw ${d(o.retention.rawResults)}, hour rollups ${d(o.retention.hourRollups)}, day rollups kept.` +
      ` The last ${o.fullDays} days through the real path: every result through \`createResultWriter\` (flushed once a simulated hour, batches of 5,000 rows),` +
      " then, with the injected clock, the calendar jobs' own calls: `rollUp(hour)` hourly over two hours, `packResults` of the finished hours (raw rows → one `probe_result_hours` row per monitor and hour), `rollUp(day)` daily over two days, `applyRetention` hourly, and a plain `VACUUM` of `probe_results` after each packing and of every table once a simulated day (about as often as autovacuum's thresholds are crossed)." +
      ` The ${o.days - o.fullDays} days before: only what retention keeps of them by the end — day rollup rows, and hour rollup rows for the days hour retention still covers — written straight into \`probe_rollups\` in the order the jobs write them (same columns), through the same retention once a simulated day.` +
      ' Results: 98.7 % up (5–60 ms), 1 % degraded, 0.3 % down with a 55-character message.',
    '',
    table(
      ['engine', 'database', 'folder', 'probe_results (raw) rows, heap + indexes', 'probe_result_hours rows, heap + indexes', 'results kept', 'bytes per result kept', 'probe_rollups rows (hour / day)', 'probe_rollups heap + indexes', 'run time'],
      measured.map((m) => {
        const [raw, hours, rollups] = TABLES.map((name) => m.tables.find((t) => t.name === name)!) as [Measured['tables'][number], Measured['tables'][number], Measured['tables'][number]];
        const r = rollups.byResolution ?? {};
        const size = (t: typeof raw) => `${fixed(t.heapMb)} + ${fixed(t.indexMb)} MB`;
        return [
          m.engine === 'postgres' ? 'PostgreSQL 15' : 'PGlite',
          `${fixed(m.databaseMb)} MB`,
          m.folderMb === undefined ? '–' : `${fixed(m.folderMb)} MB`,
          `${fixed(raw.rows)}, ${size(raw)}`,
          `${fixed(hours.rows)}, ${size(hours)}`,
          fixed(m.resultsKept),
          m.resultsKept === 0 ? '–' : fixed(((raw.totalMb + hours.totalMb) * 2 ** 20) / m.resultsKept, 1),
          `${fixed(r.hour ?? 0)} / ${fixed(r.day ?? 0)}`,
          size(rollups),
          `${fixed(m.minutes, 1)} min`,
        ];
      }),
    ),
    '',
    o.monitors === 1000 && o.intervalS === 60 && o.days === 365
      ? `Target: ≤ 1 GB for a year of 1,000 monitors at 60 s. ${measured.map((m) => `${m.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}: ${fixed(m.databaseMb)} MB, ${m.databaseMb <= 1024 ? 'met' : 'missed'}`).join('; ')}.`
      : `Target (≤ 1 GB) is for 1,000 monitors at 60 s over 365 days; this run is smaller, so no verdict (sizes grow linearly with monitors: ×${fixed(1000 / o.monitors, 1)} → ${measured.map((m) => `${fixed((m.databaseMb * 1000) / o.monitors)} MB`).join(', ')}, if the days match).`,
    '',
  ];
  return lines.join('\n');
}
