import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from './support/http.ts';
import { closedPort } from '../daemon/src/probers/testing/loopback.ts';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { switchableTarget } from './support/switchable-target.ts';
import { waitFor } from './support/daemon-process.ts';

const config = (targets: string[]) =>
  `components:\n${targets.map((_, i) => `  - { id: c${i}, name: C${i}, tier: core }\n`).join('')}` +
  `monitors:\n${targets.map((t, i) => `  - { id: m${i}, component: c${i}, kind: http, target: "${t}", interval: 100ms, timeout: 80ms }\n`).join('')}` +
  `detection: { failuresToOpen: 2, successesToClose: 2 }\n`;

const failedProbes = (metrics: string) => [...metrics.matchAll(/^sla_probe_failures_total\{[^}]*\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);

/** Issue #2: a prober that lost its own network records unknown and opens no outage. */
describe.each(testDatabaseKinds())('isolation guard in the daemon on %s', (kind) => {
  let target: Awaited<ReturnType<typeof switchableTarget>>;
  beforeAll(async () => { target = await switchableTarget(); });
  afterAll(() => target?.close());

  it('every monitor refused → results unknown, no outage, isolated metric 1', async () => {
    const ports = await Promise.all([closedPort(), closedPort(), closedPort()]);
    const t = await startTestDaemon(kind, config(ports.map((p) => `http://127.0.0.1:${p}/`)));
    try {
      // Enough failed probes for each monitor to have opened an outage (failuresToOpen: 2) had the guard let it.
      await waitFor('five failed probes a monitor', async () => (failedProbes(await (await fetch(`${t.daemon.url}/metrics`)).text()) >= 5 * ports.length ? true : undefined));
      const { outages } = await getJson(`${t.daemon.url}/api/v1/outages`);
      expect(outages).toEqual([]);
      const metrics = await (await fetch(`${t.daemon.url}/metrics`)).text();
      expect(metrics).toMatch(/^sla_prober_isolated 1$/m);
      await t.daemon.stop();
      const states = await t.db.db.selectFrom('probe_results').select('state').distinct().execute();
      expect(states.map((s) => s.state)).toContain('unknown');
    } finally {
      await t.db.close();
    }
  });

  // Issue #14: the verdict may not depend on the monitors' order or intervals. Fast monitors
  // reached failuresToOpen before the slow canary (or the slowest monitor) had said anything,
  // and opened outages while the whole network was cut.
  const mixed = (targets: string[], canary?: string) =>
    `components:\n${targets.map((_, i) => `  - { id: c${i}, name: C${i}, tier: core }\n`).join('')}` +
    `monitors:\n${targets.map((t, i) => `  - { id: m${i}, component: c${i}, kind: http, target: "${t}", interval: ${[100, 200, 250][i]}ms, timeout: 80ms }\n`).join('')}` +
    (canary === undefined ? '' : `  - { id: canary, component: c0, kind: http, target: "${canary}", interval: 400ms, timeout: 80ms }\nisolation: { canary: canary }\n`) +
    `detection: { failuresToOpen: 2, successesToClose: 2 }\n`;

  it.each([
    ['with a canary, cut off too', true],
    ['without a canary', false],
  ])('network cut, monitors at 100, 200, 250 ms %s → no outage', async (_name, withCanary) => {
    const ports = await Promise.all([closedPort(), closedPort(), closedPort(), closedPort()]);
    const urls = ports.map((p) => `http://127.0.0.1:${p}/`);
    const t = await startTestDaemon(kind, mixed(urls.slice(0, 3), withCanary ? urls[3] : undefined));
    try {
      // Long enough for the 100 ms monitor to fail ten times over, past two canary probes.
      await waitFor('ten stored probes of the fastest monitor', async () => {
        const { n } = await t.db.db.selectFrom('probe_results').select((e) => e.fn.countAll<number>().as('n')).where('monitor_id', '=', 'm0').executeTakeFirstOrThrow();
        return Number(n) >= 10 ? true : undefined;
      });
      expect((await getJson(`${t.daemon.url}/api/v1/outages`)).outages).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  it('every target refused, the canary answering → the outages open', async () => {
    const ports = await Promise.all([closedPort(), closedPort(), closedPort()]);
    const t = await startTestDaemon(kind, mixed(ports.map((p) => `http://127.0.0.1:${p}/`), target.url));
    try {
      const outages = await waitFor('three outages', async () => {
        const list: Array<{ component: string }> = (await getJson(`${t.daemon.url}/api/v1/outages`)).outages;
        return list.length === 3 ? list : undefined;
      }, 10_000);
      expect(outages.map((o) => o.component).sort()).toEqual(['c0', 'c1', 'c2']);
    } finally {
      await t.stop();
    }
  });

  it('one monitor refused among answering ones → its outage opens', async () => {
    const t = await startTestDaemon(kind, config([target.url, target.url, `http://127.0.0.1:${await closedPort()}/`]));
    try {
      const deadline = Date.now() + 5_000;
      let outages: Array<{ component: string; endedAt: string | null }> = [];
      while (outages.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        outages = (await getJson(`${t.daemon.url}/api/v1/outages`)).outages;
      }
      expect(outages).toMatchObject([{ component: 'c2', endedAt: null, impact: 'major_outage', firstFailure: 'refused' }]);
    } finally {
      await t.stop();
    }
  });
});
