import type { Clock } from '../clock.ts';

export interface TestClock extends Clock {
  /** Lets `ms` pass at once, on both readings, as if the daemon had waited that long. */
  advance: (ms: number) => void;
  /**
   * Time stands still while `during` runs, then goes on from where it is: what
   * a test means to happen within one instant (two readers of one cached
   * render) does, however slowly a loaded machine serves them.
   */
  hold: <T>(during: () => Promise<T>) => Promise<T>;
}

/**
 * The daemon's clock in tests (issue #13: inject the clock where a test waits
 * for time to pass). It runs with the system clock, so probes, sockets and
 * timers behave as in production, and a test moves it forward instead of
 * sleeping past a cache's lifetime or an outage's length.
 */
export function testClock(): TestClock {
  let offset = 0;
  let held: { now: number; monotonic: number } | undefined;
  const now = () => held?.now ?? Date.now() + offset;
  const monotonic = () => held?.monotonic ?? performance.now() + offset;
  return {
    now,
    monotonic,
    advance: (ms) => {
      offset += ms;
      if (held) held = { now: held.now + ms, monotonic: held.monotonic + ms };
    },
    hold: async (during) => {
      held = { now: now(), monotonic: monotonic() };
      try {
        return await during();
      } finally {
        held = undefined;
      }
    },
  };
}
