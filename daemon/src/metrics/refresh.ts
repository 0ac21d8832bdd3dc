/**
 * A value read from the database for scrapes, refreshed in the background:
 * a scrape returns the last value at once and, when it is older than the
 * interval, starts one refresh for the next scrape (stale-while-revalidate).
 * Only a scrape before the first load has finished waits, and at most
 * `firstWaitMs`: past that the family is left out of that scrape rather than
 * make Prometheus time out. The interval stretches to ten times the last
 * load's duration, so a slow query never takes more than a tenth of a core.
 */
export interface Refreshed<T> {
  /** The last loaded value; undefined until one load has succeeded. */
  get: () => Promise<T | undefined>;
}

export interface RefreshOptions {
  minIntervalMs: number;
  /** How long a scrape waits for the first load; default 2 s. */
  firstWaitMs?: number;
  monotonic: () => number;
  onError: (error: unknown) => void;
}

export function refreshed<T>(load: () => Promise<T>, o: RefreshOptions): Refreshed<T> {
  let value: T | undefined;
  let loadedAt = -Infinity;
  let intervalMs = o.minIntervalMs;
  let running: Promise<void> | undefined;

  const refresh = () =>
    (running ??= (async () => {
      const start = o.monotonic();
      try {
        value = await load();
      } catch (error) {
        o.onError(error);
      } finally {
        const end = o.monotonic();
        loadedAt = end;
        intervalMs = Math.max(o.minIntervalMs, 10 * (end - start));
        running = undefined;
      }
    })());

  return {
    get: async () => {
      if (o.monotonic() - loadedAt >= intervalMs) {
        const pending = refresh();
        if (value === undefined) await within(pending, o.firstWaitMs ?? 2_000);
      }
      return value;
    },
  };
}

async function within(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
