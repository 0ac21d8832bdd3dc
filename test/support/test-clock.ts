import type { Clock } from '../../daemon/src/clock.ts';

export interface TestClock extends Clock {
  /** Lets `ms` pass at once, on both readings, as if the daemon had waited that long. */
  advance: (ms: number) => void;
}

/**
 * The daemon's clock in tests (issue #13: inject the clock where a test waits
 * for time to pass). It runs with the system clock, so probes, sockets and
 * timers behave as in production, and a test moves it forward instead of
 * sleeping past a cache's lifetime or an outage's length.
 */
export function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    monotonic: () => performance.now() + offset,
    advance: (ms) => void (offset += ms),
  };
}
