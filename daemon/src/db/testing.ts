import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
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

/** A fresh, migrated database of that kind; `close` throws it away. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<OpenedDatabase> {
  if (kind === 'pglite') {
    const opened = await openDatabase({ memory: true });
    await migrateToLatest(opened.db);
    return opened;
  }
  const { url, drop } = await createScratchDatabase(process.env.DATABASE_URL!);
  const opened = await openDatabase({ url });
  await migrateToLatest(opened.db);
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await drop();
    },
  };
}

/** A new empty database on the server of `adminUrl`, for one test file or one daemon run. */
export async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sla_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
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
