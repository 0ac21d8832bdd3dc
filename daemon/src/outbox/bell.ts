/**
 * Issue #15: what queues a message rings, after its transaction committed, so
 * this daemon's outbox tries it at once instead of at the next poll. Only the
 * leader delivers (issue #14), so only the leader's outbox answers; a ring on
 * a follower, or with no outbox running, reaches nobody and the leader's poll
 * picks the message up. Passed in from daemon.ts (docs/conventions.md §4).
 */
export interface OutboxBell {
  ring: () => void;
  /** `listener` runs on each ring until the returned function is called. */
  answer: (listener: () => void) => () => void;
}

export function createOutboxBell(): OutboxBell {
  const listeners = new Set<() => void>();
  return {
    ring: () => {
      for (const listener of listeners) listener();
    },
    answer: (listener) => {
      // A wrapper, so the same function answering twice is two answers.
      const own = () => listener();
      listeners.add(own);
      return () => void listeners.delete(own);
    },
  };
}
