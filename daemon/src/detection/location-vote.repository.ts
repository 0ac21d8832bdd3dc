import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { LocationMonitorStateTable } from './location-vote.table.ts';
import type { Vote } from './quorum.ts';

export interface StoredVote extends Vote {
  location: string;
  monitorId: string;
}

/** Every location's votes, one location's, or (`{ except }`) all but one location's. */
export async function loadVotes(db: Kysely<Database>, location?: string | { except: string }): Promise<StoredVote[]> {
  let q = db.selectFrom('location_monitor_states').selectAll();
  if (typeof location === 'string') q = q.where('location', '=', location);
  else if (location !== undefined) q = q.where('location', '<>', location.except);
  return (await q.execute()).map(toVote);
}

/**
 * Issue #14: the votes of every location but `except` written since the
 * snapshot `since` (all of them without it), and the snapshot to pass next
 * time (pg_current_snapshot(), as text). A vote's version is its writer's
 * transaction id: those at or above the snapshot's xmax began after it, and
 * those in its list of running transactions had not committed — every other
 * writer had finished, so its votes were read then. Taken before the rows are
 * read, the snapshot misses nothing; a vote committed in between is read
 * twice. A long transaction elsewhere costs nothing here: it wrote no votes.
 */
export async function loadVotesSince(db: Kysely<Database>, except: string, since?: string): Promise<{ votes: StoredVote[]; next: string }> {
  const { rows } = await sql<{ next: string }>`select pg_current_snapshot()::text as next`.execute(db);
  let q = db.selectFrom('location_monitor_states').selectAll().where('location', '<>', except);
  if (since !== undefined) {
    // xmin:xmax:xip,xip,…
    const [, xmax, list] = since.split(':') as [string, string, string];
    const running = list === '' ? [] : list.split(',');
    const version = (x: string) => sql<string>`${x}::bigint`;
    q = q.where((eb) => eb.or([eb('version', '>=', version(xmax)), ...(running.length === 0 ? [] : [eb('version', 'in', running.map(version))])]));
  }
  return { votes: (await q.execute()).map(toVote), next: rows[0]!.next };
}

function toVote(r: Selectable<LocationMonitorStateTable>): StoredVote {
  return {
    location: r.location,
    monitorId: r.monitor_id,
    confirmed: r.state,
    since: r.since.getTime(),
    failure: r.failure_kind === null ? undefined : { kind: r.failure_kind, message: r.failure_message ?? '' },
  };
}

/** Rows per statement: 6 parameters each, well under PostgreSQL's 65,535 (a start writes one per monitor). */
const CHUNK = 5_000;

export async function saveVotes(db: Kysely<Database>, votes: readonly StoredVote[]): Promise<void> {
  for (let i = 0; i < votes.length; i += CHUNK) await saveChunk(db, votes.slice(i, i + CHUNK));
}

async function saveChunk(db: Kysely<Database>, votes: readonly StoredVote[]): Promise<void> {
  if (votes.length === 0) return;
  await db
    .insertInto('location_monitor_states')
    .values(
      votes.map((v) => ({
        location: v.location,
        monitor_id: v.monitorId,
        state: v.confirmed,
        since: new Date(v.since),
        failure_kind: v.failure?.kind ?? null,
        failure_message: v.failure?.message ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['location', 'monitor_id']).doUpdateSet((eb) => ({
        state: eb.ref('excluded.state'),
        since: eb.ref('excluded.since'),
        failure_kind: eb.ref('excluded.failure_kind'),
        failure_message: eb.ref('excluded.failure_message'),
        version: sql<string>`pg_current_xact_id()::text::bigint`,
      })),
    )
    .execute();
}

/** A location no longer probing a monitor (a reload removed it) no longer votes on it. */
export async function dropVotesExcept(db: Kysely<Database>, location: string, monitorIds: readonly string[]): Promise<void> {
  const keep = new Set(monitorIds);
  const rows = await db.selectFrom('location_monitor_states').select('monitor_id').where('location', '=', location).execute();
  const stale = rows.map((r) => r.monitor_id).filter((id) => !keep.has(id));
  for (let i = 0; i < stale.length; i += CHUNK)
    await db.deleteFrom('location_monitor_states').where('location', '=', location).where('monitor_id', 'in', stale.slice(i, i + CHUNK)).execute();
}

export interface ProbeLocation {
  location: string;
  isolated: boolean;
  changedAt: number;
}

export async function saveLocation(db: Kysely<Database>, l: ProbeLocation): Promise<void> {
  await db
    .insertInto('probe_locations')
    .values({ location: l.location, isolated: l.isolated, changed_at: new Date(l.changedAt) })
    .onConflict((oc) => oc.column('location').doUpdateSet({ isolated: l.isolated, changed_at: new Date(l.changedAt) }))
    .execute();
}

export async function loadLocations(db: Kysely<Database>): Promise<ProbeLocation[]> {
  const rows = await db.selectFrom('probe_locations').selectAll().orderBy('location').execute();
  return rows.map((r) => ({ location: r.location, isolated: r.isolated, changedAt: r.changed_at.getTime() }));
}
