import { randomBytes } from 'node:crypto';
import pg from 'pg';
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
