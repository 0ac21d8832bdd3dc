import type { Config } from './schema.ts';

export interface ConfigWarning {
  path: string;
  message: string;
}

/**
 * What a valid config may still get wrong, said at start, at every reload and by
 * `check-config` (exit 0): the daemon runs, but an operator should know.
 */
export function configWarnings(config: Config): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const core = new Set(config.components.filter((c) => c.tier === 'core').map((c) => c.id));
  // Issue #14: without a canary the prober cannot tell "they are down" from
  // "we are cut off" but by all its monitors failing at once, and a total
  // outage of the vendor looks exactly like that.
  if (canariesOf(config.isolation).length === 0 && config.monitors.some((m) => core.has(m.component)))
    warnings.push({
      path: 'isolation.canary',
      message:
        'no canary: core monitors are watched, but when every target fails at the network level at once the prober takes itself for cut off and stores unknown, so a total outage opens nothing. Add a monitor of an independent, always-up target and name it here',
    });
  return warnings;
}

/** The canaries a config names, `canary` and `canaries` together, each once (issue #14). */
export function canariesOf(isolation: Config['isolation']): string[] {
  return [...new Set([...(isolation.canary === undefined ? [] : [isolation.canary]), ...isolation.canaries])];
}
