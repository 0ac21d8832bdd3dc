import { formatProblem, type ConfigResult } from '@sla/shared';
import type { Daemon } from '../daemon.ts';
import type { Logger } from '../logger.ts';

const REFUSED = 'config reload refused, keeping the running config:';

/**
 * SIGHUP's reload: a bad new config is refused with the same errors and the old one keeps running.
 * It never rejects: nothing awaits a signal handler, so a rejection would be unhandled and end the
 * daemon, as a config thread that died without a result once did (issue #13).
 */
export async function reloadConfig(o: { load: () => Promise<ConfigResult>; daemon: Pick<Daemon, 'reload' | 'reloadRefused'>; logger: Logger }): Promise<void> {
  let next: ConfigResult;
  try {
    next = await o.load();
  } catch (error) {
    o.logger.error(`${REFUSED} ${error instanceof Error ? error.message : String(error)}`);
    o.daemon.reloadRefused();
    return;
  }
  if (!next.ok) {
    o.logger.error(`${REFUSED}\n${next.problems.map(formatProblem).join('\n')}`);
    o.daemon.reloadRefused();
    return;
  }
  await o.daemon.reload(next.config).catch((error) => o.logger.error('config reload failed', error));
}
