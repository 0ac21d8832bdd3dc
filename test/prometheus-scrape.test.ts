import { parseConfig } from '@sla/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSloObjects } from '../daemon/src/cli/commands/openslo.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTargets, type DemoTargets } from '../daemon/src/demo/targets.ts';
import { closedPort } from '../daemon/src/probers/testing/loopback.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { startPrometheus, type Prometheus } from './support/prometheus.ts';

const ROOT = join(import.meta.dirname, '..');

/**
 * The demo config (config/demo.yaml) on free ports, probing every second so
 * the test is short; its flaky target follows a clock the test sets.
 */
async function demo(now: () => number): Promise<{ yaml: string; targets: DemoTargets }> {
  const ports = { steady: await closedPort(), flaky: await closedPort(), slow: await closedPort() };
  let yaml = readFileSync(join(ROOT, 'config/demo.yaml'), 'utf8');
  const edits: Array<[string, string]> = [
    ['127.0.0.1:18101', `127.0.0.1:${ports.steady}`],
    ['127.0.0.1:18102', `127.0.0.1:${ports.flaky}`],
    ['127.0.0.1:18103', `127.0.0.1:${ports.slow}`],
    ['interval: 5s, timeout: 3s', 'interval: 1s, timeout: 900ms'],
  ];
  for (const [from, to] of edits) {
    if (!yaml.includes(from)) throw new Error(`config/demo.yaml no longer has "${from}": update this test`);
    yaml = yaml.replaceAll(from, to);
  }
  return { yaml, targets: await startDemoTargets(now, ports) };
}

/** Issue #6: a real Prometheus scraping the daemon every second sees what the daemon knows. */
describe('Prometheus scraping the daemon', () => {
  // The flaky demo target is down from second 60 to 99 of every 100.
  let clock = Date.parse('2026-05-10T00:00:10Z');
  let targets: DemoTargets;
  let yaml: string;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let prometheus: Prometheus;
  const value = async (promql: string) => (await prometheus.query(promql))[0]?.value[1];
  const until = (what: string, promql: string, expected: string) =>
    waitFor(what, async () => ((await value(promql)) === expected ? true : undefined), 40_000);

  beforeAll(async () => {
    const d = await demo(() => clock);
    targets = d.targets;
    yaml = d.yaml;
    t = await startTestDaemon('pglite', yaml);
    prometheus = await startPrometheus(new URL(t.daemon.url).host, { ruleFiles: [join(ROOT, 'ops/prometheus/sla-ledger.rules.yml')] });
  }, 90_000);
  afterAll(async () => {
    await prometheus?.stop();
    await t?.stop();
    await targets?.close();
  });

  it('reports a demo monitor’s probe success and no open outage', async () => {
    await until('billing-http up in Prometheus', 'sla_probe_success{job="sla-ledger",monitor="billing-http"}', '1');
    // The slow demo target opens a degraded outage of its own in time: count major ones.
    expect(await value('sum(sla_open_outages{impact="major_outage"})')).toBe('0');
    expect(await value('sla_monitor_info{monitor="billing-http"}')).toBe('1');
  }, 60_000);

  it('counts the open outage after the flaky target goes down, and the shipped recording rules run on live data', async () => {
    clock = Date.parse('2026-05-10T00:01:10Z'); // second 70: the flaky target answers 503
    await until('the open outage in Prometheus', 'sum(sla_open_outages{impact="major_outage"})', '1');
    expect(await prometheus.query('sla_open_outages{impact="major_outage"} == 1')).toMatchObject([{ metric: { component: 'billing', impact: 'major_outage' } }]);
    expect(await value('sla_probe_success{monitor="billing-http"}')).toBe('0');
    expect(await value('sla_component_status{component="billing",status="major_outage"}')).toBe('1');
    await until('the recording rule for web', 'component:sla_probes_good:ratio_rate5m{component="web"}', '1');
  }, 60_000);

  it('every query of the Grafana dashboard is valid PromQL to this Prometheus', async () => {
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'ops/grafana/sla-ledger.dashboard.json'), 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((p: { targets?: Array<{ expr: string }> }) => (p.targets ?? []).map((x) => x.expr));
    expect(exprs.length).toBeGreaterThan(15);
    for (const expr of exprs) {
      const promql = expr.replaceAll('$__rate_interval', '1m').replaceAll('$__range', '5m').replaceAll('$component', '.*');
      await expect(prometheus.query(promql), expr).resolves.toBeInstanceOf(Array);
    }
  });

  it('the SLIs of `sla openslo` are queries this Prometheus answers, good ≤ total', async () => {
    const parsed = parseConfig(yaml, 'demo.yaml');
    if (!parsed.ok) throw new Error('demo config');
    const slis = parsed.config.components.filter((c) => c.tier === 'core').map((c) => openSloObjects(c, 0.999, '30d')[1]!);
    expect(slis.map((s) => s.metadata.name)).toEqual(['web-availability', 'billing-availability']);
    for (const sli of slis) {
      const good = Number(await value(sli.spec.ratioMetric.good.metricSource.spec.query));
      const total = Number(await value(sli.spec.ratioMetric.total.metricSource.spec.query));
      expect(total, sli.metadata.name).toBeGreaterThan(0);
      expect(good).toBeLessThanOrEqual(total);
    }
  });
});
