import type { Confirmed, Failure } from './detector.ts';

const SEVERITY: Record<Confirmed, number> = { up: 0, degraded: 1, down: 2 };
const BY_SEVERITY: Confirmed[] = ['up', 'degraded', 'down'];

/** One location's confirmed state of a monitor, from its own N-failure streaks (detector.ts). */
export interface Vote {
  confirmed: Confirmed;
  /** Epoch ms: the first probe of the streak that confirmed it. */
  since: number;
  failure?: Failure;
}

/** What the locations agree on has a vote's shape: the monitor's state, as monitor_states stores it. */
export type Agreed = Vote;

/**
 * Issue #14: the default quorum is a majority of the locations counted (those
 * that probe the monitor, are alive and are not isolated); a configured one is
 * capped at that count, so a location lost to isolation cannot freeze detection.
 */
export function quorumOf(counted: number, configured?: number): number {
  const majority = Math.floor(counted / 2) + 1;
  return Math.max(1, Math.min(configured ?? majority, counted));
}

/**
 * What the counted locations agree on (docs/contract.md §1.1, docs/architecture.md
 * "Quorum"): the worst state at least `quorum` of them confirm.
 * - Worse: it starts at the earliest first failed probe among the streaks that
 *   reach it (the customer-fair reading).
 * - Better: it starts at the first good probe of the recovery that took the
 *   worse state below quorum.
 * No counted vote is no evidence: the agreed state stands, as an unknown
 * result leaves a detector's state standing.
 */
export function agree(previous: Agreed, votes: readonly Vote[], quorum: number): Agreed {
  if (votes.length === 0) return previous;
  const reaching = (level: number) => votes.filter((v) => SEVERITY[v.confirmed] >= level);
  let level = 0;
  for (let s = BY_SEVERITY.length - 1; s > 0; s--)
    if (reaching(s).length >= quorum) {
      level = s;
      break;
    }
  const confirmed = BY_SEVERITY[level]!;
  if (confirmed === previous.confirmed) return previous;
  // An instant before the agreed state began would overlap what was already decided.
  const notBefore = (at: number) => Math.max(at, previous.since);
  if (level > SEVERITY[previous.confirmed]) {
    const earliest = reaching(level).reduce((a, b) => (b.since < a.since ? b : a));
    return { confirmed, since: notBefore(earliest.since), failure: earliest.failure };
  }
  // The worse state held while at least `quorum` votes were worse than
  // `confirmed`; it fell below quorum with the (n − quorum + 1)-th recovery.
  const recovered = votes.filter((v) => SEVERITY[v.confirmed] <= level).map((v) => v.since).sort((a, b) => a - b);
  const at = recovered[votes.length - quorum]!;
  const failure = confirmed === 'up' ? undefined : reaching(level).reduce((a, b) => (b.since < a.since ? b : a)).failure;
  return { confirmed, since: notBefore(at), failure };
}
