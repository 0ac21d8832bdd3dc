import { describe, expect, it } from 'vitest';
import { closedPort as freePort } from '../probers/testing/loopback.ts';
import { startDemoTargets } from './targets.ts';

describe('demo targets (pnpm start)', () => {
  it('flaky fails for 40 s of every 100 s, steady always answers, slow takes 1.5 s', async () => {
    let now = 0;
    const ports = { steady: await freePort(), flaky: await freePort(), slow: await freePort() };
    const targets = await startDemoTargets(() => now, ports);
    try {
      const status = async (port: number) => (await fetch(`http://127.0.0.1:${port}/`)).status;
      expect([await status(ports.steady), await status(ports.flaky)]).toEqual([200, 200]);
      now = 60_000; // the failing part of the cycle: with 5 s probes, an outage opens within ~10 s
      expect([await status(ports.steady), await status(ports.flaky)]).toEqual([200, 503]);
      now = 100_000;
      expect(await status(ports.flaky)).toBe(200);
      const started = performance.now();
      expect(await status(ports.slow)).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_450);
    } finally {
      await targets.close();
    }
  });
});
