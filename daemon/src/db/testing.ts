import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { openDatabase, type OpenedDatabase } from './open.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

/**
 * The engines every database test runs on: PGlite always, PostgreSQL when
 * DATABASE_URL is set (CI starts one), so one suite covers both (issue #2).
 */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * Issue #13: the migrations run once per test run, on a template of each
 * engine (test/support/global-setup.ts), and each test file gets a copy: a
 * PGlite data folder loaded from the template's dump, a PostgreSQL database
 * created from the template database. The names travel in the environment, so
 * outside vitest (the benches) a database is migrated here as before.
 */
const PGLITE_TEMPLATE = 'SLA_TEST_PGLITE_TEMPLATE';
const POSTGRES_TEMPLATE = 'SLA_TEST_POSTGRES_TEMPLATE';

/** A fresh, migrated database of that kind; `close` throws it away. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<OpenedDatabase> {
  const template = kind === 'pglite' ? process.env[PGLITE_TEMPLATE] : process.env[POSTGRES_TEMPLATE];
  if (template === undefined) {
    const opened = await openEmptyTestDatabase(kind);
    await migrateToLatest(opened.db);
    return opened;
  }
  if (kind === 'pglite') return openDatabase({ memory: true, from: pgliteTemplate(template) });
  return openScratch(await createScratchDatabase(process.env.DATABASE_URL!, template));
}

/** A fresh database of that kind with no schema at all: where the migrations themselves are tested. */
export async function openEmptyTestDatabase(kind: TestDatabaseKind): Promise<OpenedDatabase> {
  if (kind === 'pglite') return openDatabase({ memory: true });
  return openScratch(await createScratchDatabase(process.env.DATABASE_URL!));
}

async function openScratch({ url, drop }: { url: string; drop: () => Promise<void> }): Promise<OpenedDatabase> {
  const opened = await openDatabase({ url });
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await drop();
    },
  };
}

// One read of the dump per test process; PGlite copies it into each new instance.
let pgliteImage: { file: string; blob: Blob } | undefined;
function pgliteTemplate(file: string): Blob {
  if (pgliteImage?.file !== file) pgliteImage = { file, blob: new Blob([readFileSync(file)]) };
  return pgliteImage.blob;
}

/**
 * Migrates a template of each engine in `kinds` and returns the environment
 * that makes openTestDatabase copy them, and how to throw them away.
 */
export async function createTestTemplates(kinds: TestDatabaseKind[]): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const env: Record<string, string> = {};
  const drops: Array<() => Promise<void>> = [];
  if (kinds.includes('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'sla-template-'));
    drops.push(async () => rmSync(dir, { recursive: true, force: true }));
    const pglite = new PGlite();
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    await migrateToLatest(db);
    env[PGLITE_TEMPLATE] = join(dir, 'pglite.tar');
    writeFileSync(env[PGLITE_TEMPLATE], Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    await db.destroy();
  }
  if (kinds.includes('postgres')) {
    const adminUrl = process.env.DATABASE_URL!;
    const scratch = await createScratchDatabase(adminUrl);
    drops.push(scratch.drop);
    const opened = await openDatabase({ url: scratch.url });
    await migrateToLatest(opened.db);
    await opened.close();
    env[POSTGRES_TEMPLATE] = await untilUnused(adminUrl, new URL(scratch.url).pathname.slice(1));
  }
  return { env, drop: async () => void (await Promise.all(drops.map((drop) => drop()))) };
}

/**
 * A pool's end resolves before its backends have gone, and PostgreSQL copies a
 * template only while nobody is connected to it: wait for them to leave.
 */
async function untilUnused(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    while ((await admin.query('select 1 from pg_stat_activity where datname = $1', [name])).rowCount! > 0) await new Promise((r) => setTimeout(r, 10));
  } finally {
    await admin.end();
  }
  return name;
}

/** A new empty database on the server of `adminUrl` (a copy of `template` when given), for one test file or one daemon run. */
export async function createScratchDatabase(adminUrl: string, template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sla_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template === undefined ? '' : ` template ${template}`}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * Row counts of every table and the whole audit log: what a test compares
 * before and after requests that must change nothing (issue #12's hostile
 * corpus). Tables are read from the catalog, so a new one is counted too.
 */
export async function databaseSnapshot(db: Kysely<Database>): Promise<{ counts: Record<string, number>; audit: unknown[] }> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) counts[table_name] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)}`.execute(db)).rows[0]!.n);
  const audit = (await sql`select * from audit_log order by id`.execute(db)).rows;
  return { counts, audit };
}
