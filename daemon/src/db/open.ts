import type { PGlite } from '@electric-sql/pglite';
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

/**
 * `from`: a data folder as PGlite's dumpDataDir wrote it, to start from instead
 * of an empty cluster. Tests start each file from one migrated copy made once
 * per run; initdb and migrating took ~2 s per file (issue #13).
 */
export type DatabaseTarget = { url: string } | { dir: string } | { memory: true; from?: Blob };

export interface OpenOptions {
  /**
   * An idle pooled connection that the server ended (PostgreSQL restarted, an
   * administrator terminated it). The pool drops it and opens another on the
   * next query, so this is a warning, not a crash: without a listener pg would
   * raise it as an unhandled error and kill the daemon.
   */
  onIdleConnectionError?: (error: Error) => void;
  /** PostgreSQL: how long opening a connection may take (config `database.connectTimeoutMs`). */
  connectTimeoutMs?: number;
  /** PostgreSQL: the server cancels a statement running longer (config `database.statementTimeoutMs`). */
  statementTimeoutMs?: number;
}

/** A PostgreSQL server that did not accept a connection in time (issue #12). */
export class DatabaseUnreachableError extends Error {
  constructor(where: string, timeoutMs: number, cause: unknown) {
    super(`database ${where} did not answer within ${timeoutMs} ms (${(cause as Error).message})`, { cause });
    this.name = 'DatabaseUnreachableError';
  }
}

// The schema's defaults (shared/src/config/schema.ts), for callers without a config.
const CONNECT_TIMEOUT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 30_000;

// int8 as string on both engines: PGlite would give numbers, pg strings
// (docs/conventions.md §9.2); ids past 2^53 must not round. The pool's own parsers, not
// pg.types.setTypeParser, which changed every pg user of the process (issue #12).
const INT8 = 20;
const asText = (v: string) => v;
const PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? asText : pg.types.getTypeParser(oid, format))) as pg.CustomTypesConfig['getTypeParser'],
};

/** PostgreSQL via a URL, or embedded PGlite in a locked folder (or memory, for tests). */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<OpenedDatabase> {
  if ('url' in target) {
    const where = redact(target.url);
    const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    const statementTimeoutMs = options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS;
    // Issue #12: a server that accepts and never answers stalled every
    // monitor. The connect timeout bounds opening a connection; the server
    // cancels a statement past statement_timeout; and the client gives up on
    // one the server never answers (query_timeout, a connect timeout later).
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      connectionTimeoutMillis: connectTimeoutMs,
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + connectTimeoutMs,
      types: PG_TYPES,
    });
    // pool.end() resolves before its sockets have closed; a server ending them
    // then (a test database dropped WITH (FORCE)) is expected, not news.
    let closed = false;
    pool.on('error', (error) => {
      if (!closed) (options.onIdleConnectionError ?? warnOnStderr)(error);
    });
    const connect = async () => {
      try {
        return await pool.connect();
      } catch (error) {
        if (/timeout/i.test((error as Error).message)) throw new DatabaseUnreachableError(where, connectTimeoutMs, error);
        throw error;
      }
    };
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: { connect, end: () => pool.end(), Client: pg.Client, options: pool.options } }) });
    const close = async () => {
      closed = true;
      await db.destroy();
    };
    return { db, kind: 'postgres', where, close };
  }
  const lock = 'dir' in target ? lockDataDir(target.dir) : undefined;
  try {
    // Loaded here, not at start: a daemon on PostgreSQL never needs it (issue #13).
    const { PGlite } = await import('@electric-sql/pglite');
    // One options object: `new PGlite(undefined, options)` ignores its options, so
    // in-memory databases (the tests') had neither the int8 parser nor the WAL limit (issue #13).
    const pglite = new PGlite({
      dataDir: 'dir' in target ? target.dir : undefined,
      loadDataDir: 'memory' in target ? target.from : undefined,
      parsers: { [INT8]: asText },
      startParams: [...PGlite.defaultStartParams, ...PGLITE_WAL_PARAMS],
    });
    await pglite.waitReady;
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: turningBeforeEachQuery(pglite) }) });
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
const PGLITE_WAL_PARAMS = ['-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB'];

/**
 * Issue #5: PGlite runs each query to its end on this thread, and an awaited
 * query resolves in a microtask, so a handler's chain of queries never gave
 * the event loop a turn: under a crowd, the status page's reads held every
 * socket for their sum (40–80 ms stalls, its p99). Each query now waits for
 * one turn first, and the sockets are served between queries. Queries inside
 * a transaction go through its own object and run back to back, as the
 * transaction holds PGlite anyway.
 */
function turningBeforeEachQuery(pglite: PGlite): PGlite {
  const query: PGlite['query'] = async (...args) => {
    await new Promise((resolve) => setImmediate(resolve));
    return pglite.query(...args);
  };
  return new Proxy(pglite, {
    get: (target, key) => {
      if (key === 'query') return query;
      // PGlite keeps state in private fields: its methods must see the instance itself.
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

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
