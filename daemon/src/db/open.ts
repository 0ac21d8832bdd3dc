import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { lockDataDir } from './lock.ts';

export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  /** Where it is, without credentials: for logs and /healthz. */
  where: string;
  close: () => Promise<void>;
}

export type DatabaseTarget = { url: string } | { dir: string } | { memory: true };

export interface OpenOptions {
  /**
   * An idle pooled connection that the server ended (PostgreSQL restarted, an
   * administrator terminated it). The pool drops it and opens another on the
   * next query, so this is a warning, not a crash: without a listener pg would
   * raise it as an unhandled error and kill the daemon.
   */
  onIdleConnectionError?: (error: Error) => void;
}

// int8 as string on both engines: PGlite would give numbers, pg strings
// (toolchain.md); ids past 2^53 must not round.
const INT8 = 20;
pg.types.setTypeParser(INT8, (v: string) => v);

/** PostgreSQL via a URL, or embedded PGlite in a locked folder (or memory, for tests). */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<OpenedDatabase> {
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // pool.end() resolves before its sockets have closed; a server ending them
    // then (a test database dropped WITH (FORCE)) is expected, not news.
    let closed = false;
    pool.on('error', (error) => {
      if (!closed) (options.onIdleConnectionError ?? warnOnStderr)(error);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const close = async () => {
      closed = true;
      await db.destroy();
    };
    return { db, kind: 'postgres', where: redact(target.url), close };
  }
  const lock = 'dir' in target ? lockDataDir(target.dir) : undefined;
  try {
    const pglite = new PGlite('dir' in target ? target.dir : undefined, { parsers: { [INT8]: (v: string) => v }, startParams: PGLITE_START_PARAMS });
    await pglite.waitReady;
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      where: 'dir' in target ? target.dir : 'memory',
      close: async () => {
        await db.destroy();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

// Issue #7: PGlite runs PostgreSQL as one standalone backend that recycles WAL
// segments up to max_wal_size, 1 GB by default, and keeps them in the data
// folder: a year of 1,000 monitors measured 512 MB of database in a 1.5 GB
// folder. 64 MB means a checkpoint each 64 MB of WAL, a few an hour at most.
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB'];

function warnOnStderr(error: Error): void {
  process.stderr.write(`database: an idle connection was ended by the server (${error.message}); the pool opens a new one\n`);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    u.password = u.password ? '***' : '';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
