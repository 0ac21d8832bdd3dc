import {
  Kysely,
  type CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type Transaction,
} from 'kysely';
import type { Database } from './database.ts';

/** What the faulty database does to the next statements (tests only). */
export interface Faults {
  /** Every statement, connection and commit fails, as when the server is unreachable. */
  down: boolean;
  /**
   * A statement whose SQL matches runs and commits, then its answer is lost
   * (the connection dropped after the server acknowledged it): the caller sees
   * an error for work that was done. Cleared after it fires once.
   */
  loseAckOf?: RegExp;
}

export class DatabaseDownError extends Error {
  constructor() {
    super('database unreachable (faulty test database is down)');
    this.name = 'DatabaseDownError';
  }
}

/**
 * A real database (PGlite or PostgreSQL, migrated) seen through a switch that
 * makes it fail the way a lost server does, for tests of what must survive
 * that (issue #12: transitions and results kept while the database is down).
 * Every statement that runs is a real statement on the real database; only
 * the failures are simulated.
 */
export function faultyDatabase(inner: Kysely<Database>): { db: Kysely<Database>; faults: Faults } {
  const faults: Faults = { down: false };
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createDriver: () => new FaultyDriver(inner, faults),
  };
  return { db: new Kysely<Database>({ dialect }), faults };
}

class FaultyConnection implements DatabaseConnection {
  trx: Transaction<Database> | undefined;
  end: ((commit: boolean) => void) | undefined;
  done: Promise<void> | undefined;
  private readonly inner: Kysely<Database>;
  private readonly faults: Faults;
  constructor(inner: Kysely<Database>, faults: Faults) {
    this.inner = inner;
    this.faults = faults;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.faults.down) throw new DatabaseDownError();
    const result = await (this.trx ?? this.inner).executeQuery<R>(query);
    if (this.faults.loseAckOf?.test(query.sql) && this.trx === undefined) {
      this.faults.loseAckOf = undefined;
      throw new Error('connection lost after the statement was acknowledged (faulty test database)');
    }
    return result;
  }

  streamQuery(): AsyncIterableIterator<QueryResult<never>> {
    throw new Error('not supported');
  }
}

const ROLLBACK = Symbol('rollback');

class FaultyDriver implements Driver {
  private readonly inner: Kysely<Database>;
  private readonly faults: Faults;
  constructor(inner: Kysely<Database>, faults: Faults) {
    this.inner = inner;
    this.faults = faults;
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.faults.down) throw new DatabaseDownError();
    return new FaultyConnection(this.inner, this.faults);
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.faults.down) throw new DatabaseDownError();
    const c = connection as FaultyConnection;
    // The inner database's own transaction, held open until commit or rollback.
    await new Promise<void>((begun, failed) => {
      c.done = this.inner
        .transaction()
        .execute(
          (trx) =>
            new Promise<void>((commit, rollback) => {
              c.trx = trx;
              c.end = (ok) => (ok ? commit() : rollback(ROLLBACK));
              begun();
            }),
        )
        .catch((error) => {
          if (error !== ROLLBACK) throw error;
        });
      c.done.catch(failed);
    });
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as FaultyConnection;
    // Down at commit: the server never saw it, so nothing of it is kept.
    c.end!(!this.faults.down);
    await c.done;
    c.trx = undefined;
    if (this.faults.down) throw new DatabaseDownError();
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as FaultyConnection;
    c.end?.(false);
    await c.done;
    c.trx = undefined;
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}
