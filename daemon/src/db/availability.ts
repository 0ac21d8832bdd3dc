import type { Logger } from '../logger.ts';

/**
 * Whether the database answers, as the writers see it (issue #12). While it
 * does not, probing goes on and the result writer and tracker keep what they
 * could not write; this says so once per outage of the database, and once
 * when it is back, instead of a line per probe, and gives /healthz its reason.
 */
export interface DatabaseAvailability {
  /** A write or check failed. */
  failed: (error: unknown) => void;
  /** A write or check succeeded. */
  succeeded: () => void;
  /** When the current outage of the database began; undefined while it answers. */
  downSince: () => number | undefined;
}

export function createDatabaseAvailability(o: { now: () => number; logger: Logger }): DatabaseAvailability {
  let downSince: number | undefined;
  return {
    failed: (error) => {
      if (downSince !== undefined) return;
      downSince = o.now();
      o.logger.error(`database unreachable since ${new Date(downSince).toISOString()}; probing goes on, results and outage changes are kept and written once it is back`, error);
    },
    succeeded: () => {
      if (downSince === undefined) return;
      const seconds = (o.now() - downSince) / 1000;
      downSince = undefined;
      o.logger.info(`database reachable again after ${seconds.toFixed(1)} s; writing what was kept`);
    },
    downSince: () => downSince,
  };
}
