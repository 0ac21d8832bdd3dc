import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { loadLocations, loadVotes, type StoredVote } from '../detection/location-vote.repository.ts';
import type { Leadership } from './leader.ts';

export interface LocationStatus {
  location: string;
  /** Its daemon holds its lock on the database now. */
  alive: boolean;
  /** It believes itself cut off (its canaries fail). */
  isolated: boolean;
  /** Its votes count in the quorum: alive and not isolated. */
  counted: boolean;
}

export interface QuorumView {
  locations: LocationStatus[];
  votes: (StoredVote & { counted: boolean })[];
}

/**
 * Issue #14: every location's votes and whether each counts: a location counts
 * while its daemon is alive (its advisory lock is held) and not isolated. The
 * leader agrees from the counted ones; operators and /metrics see all of them.
 */
export async function readQuorum(db: Kysely<Database>, leadership: Pick<Leadership, 'alive'>): Promise<QuorumView> {
  return countVotes(db, leadership, await loadVotes(db));
}

/** Which of `votes` count now, from the stored locations and the live ones (a few rows, whatever the monitors). */
export async function countVotes(db: Kysely<Database>, leadership: Pick<Leadership, 'alive'>, votes: readonly StoredVote[]): Promise<QuorumView> {
  const stored = await loadLocations(db);
  const names = [...new Set([...stored.map((l) => l.location), ...votes.map((v) => v.location)])].sort();
  const alive = new Set(await leadership.alive(names));
  const isolated = new Set(stored.filter((l) => l.isolated).map((l) => l.location));
  const locations = names.map((location) => {
    const status = { location, alive: alive.has(location), isolated: isolated.has(location) };
    return { ...status, counted: status.alive && !status.isolated };
  });
  const counted = new Set(locations.filter((l) => l.counted).map((l) => l.location));
  return { locations, votes: votes.map((v) => ({ ...v, counted: counted.has(v.location) })) };
}
