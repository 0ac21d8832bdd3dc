import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DAEMON_COMMAND } from './node-flags.ts';

describe('the daemon\'s node flags', () => {
  const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it.each(['start', 'daemon'])('pnpm %s runs the daemon with them, as the probes bench does', (name) => {
    expect(scripts[name]).toContain(`&& ${DAEMON_COMMAND} daemon/src/main.ts`);
  });
});
