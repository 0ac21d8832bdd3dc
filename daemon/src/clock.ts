/** Wall time for instants, monotonic time for durations and schedules; injected everywhere (docs/conventions.md §4). */
export interface Clock {
  /** Epoch milliseconds. */
  now: () => number;
  /** Milliseconds from an arbitrary origin that never jumps. */
  monotonic: () => number;
}

export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now() };
