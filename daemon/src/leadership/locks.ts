import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { createHash } from 'node:crypto';
import pg from 'pg';

// Issue #14: PostgreSQL session advisory locks on one dedicated connection
// (docs/architecture.md, "Locations and the leader"). The server releases them
// the moment that connection ends, however its daemon died: no lease to expire,
// no clock to trust. Keys are (class, object) int4 pairs; the classes keep the
// leader's key apart from every location's.
const LOCATION_CLASS = 0x534c4101; // "SLA" 1
const LEADER_CLASS = 0x534c4102; // "SLA" 2

/** The location's object key: the first 32 bits of its SHA-256, the same in every process and server version. */
export function locationKey(location: string): number {
  return createHash('sha256').update(location).digest().readInt32BE(0);
}

/** Thrown at start when another live daemon on this database already is `location`. */
export class LocationTakenError extends Error {
  readonly location: string;
  constructor(location: string) {
    super(`another daemon on this database is already location "${location}"; stop it, or give this one another location (config \`location\` or SLA_LOCATION)`);
    this.name = 'LocationTakenError';
    this.location = location;
  }
}

/**
 * Whether the session `pid` holds the leader lock, asked inside the caller's
 * transaction (issue #14's fence): a leader that lost its lock while a write
 * was on its way learns it there, not after the write.
 */
export async function holdsLeaderLock(db: Kysely<Database>, pid: number): Promise<boolean> {
  const r = await sql<{ one: number }>`select 1 as one from pg_locks where locktype = 'advisory' and granted and objsubid = 2 and classid::bigint = ${LEADER_CLASS} and objid::bigint = 0 and pid = ${pid} and database = (select oid from pg_database where datname = current_database())`.execute(db);
  return r.rows.length === 1;
}

export interface LockConnection {
  /** Takes the location's lock for this session; false when another session holds it. */
  tryLocation: (location: string) => Promise<boolean>;
  /** Takes the database's one leader lock; false when another session holds it. Call once it is not held: the locks count. */
  tryLeader: () => Promise<boolean>;
  /** Of `locations`, those whose lock a live session holds now: the daemons alive on this database (issue #14). */
  heldLocations: (locations: readonly string[]) => Promise<string[]>;
  /** The server process of this session: the fence checks the leader lock is still its own (issue #14). */
  pid: number;
  /** A round trip: rejects when the connection (and with it every lock) is gone. */
  ping: () => Promise<void>;
  /** Issue #15: `listener` runs each time a transaction on this database that NOTIFYs `channel` commits. */
  listen: (channel: string, listener: () => void) => Promise<void>;
  /** Called once when the connection ends or fails (the server has released the locks). */
  onLost: (listener: (error: Error | undefined) => void) => void;
  close: () => Promise<void>;
}

export interface LockConnectionOptions {
  connectTimeoutMs?: number;
  /** A round trip the client gives up on, so a silent network cannot keep us leading. */
  queryTimeoutMs?: number;
}

/** Opens the dedicated connection the locks live on (not the pool's: a pooled connection is shared and recycled). */
export async function connectLocks(url: string, o: LockConnectionOptions = {}): Promise<LockConnection> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: o.connectTimeoutMs ?? 5_000,
    query_timeout: o.queryTimeoutMs ?? 5_000,
    keepAlive: true,
    application_name: 'sla-ledger locks',
  });
  let lost: ((error: Error | undefined) => void) | undefined;
  let ended = false;
  const end = (error: Error | undefined) => {
    if (ended) return;
    ended = true;
    lost?.(error);
  };
  client.on('error', (error) => end(error));
  client.on('end', () => end(undefined));
  const heard = new Map<string, () => void>();
  client.on('notification', (n) => heard.get(n.channel)?.());
  await client.connect();
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  const tryLock = async (classKey: number, objectKey: number) => {
    const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::int4, $2::int4) as ok', [classKey, objectKey]);
    return r.rows[0]?.ok === true;
  };
  return {
    pid,
    tryLocation: (location) => tryLock(LOCATION_CLASS, locationKey(location)),
    tryLeader: () => tryLock(LEADER_CLASS, 0),
    heldLocations: async (locations) => {
      // pg_locks shows the two int4 keys as oids (unsigned); objsubid 2 marks the two-key form.
      // Advisory locks belong to one database: daemons of another database on this server are not ours.
      const r = await client.query<{ objid: string }>(
        "select objid::bigint::text as objid from pg_locks where locktype = 'advisory' and granted and objsubid = 2 and classid::bigint = $1 and database = (select oid from pg_database where datname = current_database())",
        [LOCATION_CLASS],
      );
      const held = new Set(r.rows.map((row) => Number(row.objid)));
      return locations.filter((l) => held.has(locationKey(l) >>> 0));
    },
    ping: async () => {
      await client.query('select 1');
    },
    listen: async (channel, listener) => {
      heard.set(channel, listener);
      await client.query(`listen ${client.escapeIdentifier(channel)}`);
    },
    onLost: (listener) => {
      lost = listener;
    },
    close: async () => {
      ended = true;
      await client.end().catch(() => undefined);
    },
  };
}
