import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.ts';
import { createScratchDatabase, openTestDatabase } from './testing.ts';

const adminUrl = process.env.DATABASE_URL;

/**
 * A pooled connection the server ends while idle (PostgreSQL restarted, an
 * administrator's pg_terminate_backend) must be a warning and a new connection,
 * not an unhandled 'error' event that kills the daemon (CI run of 2026-11-23).
 */
describe.skipIf(!adminUrl)('openDatabase on PostgreSQL', () => {
  it('an idle connection ended by the server is reported and replaced; the next query works', async () => {
    const scratch = await createScratchDatabase(adminUrl!);
    const errors: Error[] = [];
    const opened = await openDatabase({ url: scratch.url }, { onIdleConnectionError: (e) => errors.push(e) });
    try {
      const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(opened.db);
      const pid = before.rows[0]!.pid;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      const deadline = Date.now() + 5_000;
      while (errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(errors.map((e) => (e as Error & { code?: string }).code)).toEqual(['57P01']);
      const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(opened.db);
      expect(after.rows[0]!.pid).not.toBe(pid);
    } finally {
      await opened.close();
      await scratch.drop();
    }
  });

  it('connections still closing when the database is dropped are not reported', async () => {
    const scratch = await createScratchDatabase(adminUrl!);
    const errors: Error[] = [];
    const opened = await openDatabase({ url: scratch.url }, { onIdleConnectionError: (e) => errors.push(e) });
    await Promise.all(Array.from({ length: 5 }, () => sql`select pg_sleep(0.01)`.execute(opened.db)));
    await opened.close();
    await scratch.drop();
    await new Promise((r) => setTimeout(r, 200));
    expect(errors).toEqual([]);
  });
});

/**
 * Issue #12: a server that accepts connections and never answers (a hung host,
 * a half-open firewall) must fail queries within the connect timeout with a
 * clear error, not stall every monitor's pipeline forever.
 */
/**
 * Issue #12: the int8 parser was set on pg's process-wide defaults at import
 * time, changing every other pg user in the process; it is the pool's own now.
 */
describe('openDatabase and pg’s process-wide type parsers', () => {
  it('importing and opening leaves pg.types as pg set them', async () => {
    const open = new URL('./open.ts', import.meta.url).href;
    const code = `import pg from 'pg';
const before = pg.types.getTypeParser(20);
const { openDatabase } = await import(${JSON.stringify(open)});
const opened = await openDatabase({ url: 'postgres://sla@127.0.0.1:1/sla' });
await opened.close();
process.stdout.write(String(pg.types.getTypeParser(20) === before));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    await once(child, 'exit');
    expect(out).toBe('true');
  });

  it.skipIf(!adminUrl)('int8 still comes back as an exact string on PostgreSQL', async () => {
    const scratch = await createScratchDatabase(adminUrl!);
    const opened = await openDatabase({ url: scratch.url });
    try {
      const { rows } = await sql<{ n: unknown; i: unknown }>`select 9007199254740993::int8 as n, 7::int4 as i`.execute(opened.db);
      expect(rows).toEqual([{ n: '9007199254740993', i: 7 }]);
    } finally {
      await opened.close();
      await scratch.drop();
    }
  });
});

describe('openDatabase on a PostgreSQL that never answers', () => {
  it('fails a query within connectTimeoutMs, saying where and how long it waited', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket)); // accepts, reads nothing, says nothing
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const opened = await openDatabase({ url: `postgres://sla:secret@127.0.0.1:${port}/sla` }, { connectTimeoutMs: 200, statementTimeoutMs: 1_000 });
    try {
      await expect(sql`select 1`.execute(opened.db)).rejects.toThrow(`database postgres://sla:***@127.0.0.1:${port}/sla did not answer within 200 ms`);
    } finally {
      await opened.close();
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});

describe.skipIf(!adminUrl)('openDatabase on PostgreSQL: statement timeout', () => {
  it('cancels a statement running past statementTimeoutMs (issue #12)', async () => {
    const scratch = await createScratchDatabase(adminUrl!);
    const opened = await openDatabase({ url: scratch.url }, { connectTimeoutMs: 5_000, statementTimeoutMs: 200 });
    try {
      await expect(sql`select pg_sleep(30)`.execute(opened.db)).rejects.toMatchObject({ code: '57014' });
      expect((await sql<{ t: string }>`select current_setting('statement_timeout') as t`.execute(opened.db)).rows).toEqual([{ t: '200ms' }]);
    } finally {
      await opened.close();
      await scratch.drop();
    }
  });
});

describe('openDatabase on embedded PGlite', () => {
  it('keeps at most 64 MB of WAL in its folder, not PostgreSQL’s 1 GB default (issue #7)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-open-'));
    const opened = await openDatabase({ dir });
    try {
      const settings = await sql<{ max: string; min: string }>`select current_setting('max_wal_size') as max, current_setting('min_wal_size') as min`.execute(opened.db);
      expect(settings.rows).toEqual([{ max: '64MB', min: '32MB' }]);
    } finally {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // In memory, copied from the run's migrated template (testing.ts), as every database test opens it.
  it('in memory (the tests’ databases) as in a folder: int8 as an exact string, the same WAL limit (issue #13)', async () => {
    const opened = await openTestDatabase('pglite');
    try {
      const { rows } = await sql<{ n: unknown; max: string }>`select 9007199254740993::int8 as n, current_setting('max_wal_size') as max`.execute(opened.db);
      expect(rows).toEqual([{ n: '9007199254740993', max: '64MB' }]);
    } finally {
      await opened.close();
    }
  });

  it('lets the event loop turn before each query, so a chain of awaited queries does not hold every socket (issue #5)', async () => {
    const opened = await openTestDatabase('pglite');
    try {
      await sql`select 1`.execute(opened.db);
      let turns = 0;
      let counting = true;
      const count = () => {
        turns++;
        if (counting) setImmediate(count);
      };
      setImmediate(count);
      for (let i = 0; i < 10; i++) await sql`select ${i}::int as i`.execute(opened.db);
      counting = false;
      expect(turns).toBeGreaterThanOrEqual(10);
    } finally {
      await opened.close();
    }
  });
});
