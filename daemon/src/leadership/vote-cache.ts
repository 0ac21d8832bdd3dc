import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { loadVotesSince, type StoredVote } from '../detection/location-vote.repository.ts';

export interface VoteCache {
  /** The other locations' votes as stored now, and whether any changed since the last read. */
  read: () => Promise<{ votes: StoredVote[]; changed: boolean }>;
}

/**
 * Issue #14: the other locations' votes, kept between reads: each read asks
 * only for the rows written since the last one (their version,
 * loadVotesSince), so a second in which nothing changed reads none. A vote
 * deleted (a reload removed the monitor there) leaves no row to read: every
 * `fullEveryMs` (default 60 s) the whole set is read again and replaces the
 * kept one, so a deleted vote counts for at most that long.
 */
export function voteCache(db: Kysely<Database>, except: string, o: { now: () => number; fullEveryMs?: number }): VoteCache {
  const fullEveryMs = o.fullEveryMs ?? 60_000;
  let kept = new Map<string, StoredVote>();
  let from: string | undefined;
  let fullAt = 0;
  return {
    read: async () => {
      const full = from === undefined || o.now() - fullAt >= fullEveryMs;
      const { votes, next } = await loadVotesSince(db, except, full ? undefined : from);
      const into = full ? new Map<string, StoredVote>() : kept;
      let changed = false;
      for (const v of votes) {
        const key = `${v.location}\n${v.monitorId}`;
        if (!sameVote(kept.get(key), v)) changed = true;
        into.set(key, v);
      }
      if (full) {
        changed ||= into.size !== kept.size;
        fullAt = o.now();
      }
      kept = into;
      from = next;
      return { votes: [...kept.values()], changed };
    },
  };
}

function sameVote(a: StoredVote | undefined, b: StoredVote): boolean {
  return a !== undefined && a.confirmed === b.confirmed && a.since === b.since && a.failure?.kind === b.failure?.kind && a.failure?.message === b.failure?.message;
}
