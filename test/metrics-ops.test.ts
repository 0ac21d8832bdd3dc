import { parseConfig } from '@sla/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../daemon/src/metrics/registry.ts';

const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/**
 * Every family the daemon can write: a render with every source given (the
 * issue #4 ones too) and a probe of every kind recorded. Names come from the
 * exposition itself, so this list cannot drift from the code.
 */
async function emittedFamilies(): Promise<Map<string, string>> {
  const parsed = parseConfig(
    'components:\n  - { id: app, name: App, tier: core }\nmonitors:\n' +
      '  - { id: h, component: app, kind: http, target: "https://a.test/" }\n  - { id: t, component: app, kind: tls, target: "a.test:443" }\n' +
      'metrics: { perContractMoney: true, bearerToken: 0123456789abcdef }\n',
    'ops.yaml',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const metrics = createMetrics(
    {
      config: () => parsed.config,
      componentStatus: () => 'operational',
      openOutages: async () => [],
      outageSeconds: async () => [],
      uptime: async () => [{ component: 'app', window: '24h', ratio: 1 }],
      ledger: { totals: async () => [], excludedDowntime: async () => [] },
      maintenance: { windows: async () => [] },
      quorum: async () => ({
        locations: [{ location: 'local', alive: true, isolated: false, counted: true }],
        votes: [{ location: 'local', monitorId: 'h', confirmed: 'up', since: 0, counted: true }],
      }),
      tickets: { counts: async () => [] },
      breaches: { counts: async () => ({ declared: 0, approved: 0 }) },
      outbox: { counts: async () => [] },
    },
    { now: Date.now, monotonic: () => performance.now(), onError: () => {} },
  );
  for (const m of parsed.config.monitors) metrics.recordProbe(m, { state: 'up', durationMs: 5, httpStatus: 200, tlsNotAfter: Date.now(), timings: { connectMs: 1 } }, 'up');
  const text = await metrics.render();
  metrics.close();
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** Metric names a PromQL text refers to (not recording rules, level:metric:op), histogram series mapped to their family. */
function referencedFamilies(promql: string, families: Map<string, string>): string[] {
  return [...promql.matchAll(/(?<![:\w])(?:sla|process|nodejs)_[a-z0-9_]*[a-z0-9](?![:\w])/g)].map(([name]) => {
    const base = name.replace(/_(bucket|sum|count)$/, '');
    return families.get(base) === 'histogram' ? base : name;
  });
}

describe('ops files name only families the daemon writes', () => {
  let families: Map<string, string>;
  beforeAll(async () => { families = await emittedFamilies(); });

  it('the rules file', () => {
    const exprs = read('ops/prometheus/sla-ledger.rules.yml')
      .split('\n')
      .filter((line) => !/^\s*#/.test(line) && !/^\s*(summary|description):/.test(line))
      .join('\n');
    const names = referencedFamilies(exprs, families);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !families.has(n))).toEqual([]);
  });

  it('the Grafana dashboard', () => {
    const dashboard = JSON.parse(read('ops/grafana/sla-ledger.dashboard.json'));
    const exprs = dashboard.panels.flatMap((p: { targets?: Array<{ expr: string }> }) => (p.targets ?? []).map((t) => t.expr)).join('\n');
    const names = referencedFamilies(exprs, families);
    for (const family of ['sla_uptime_ratio', 'sla_outage_seconds_total', 'sla_excluded_downtime_seconds', 'sla_credits_vnd', 'sla_open_outages', 'sla_outbox_messages'])
      expect(names, `the dashboard shows ${family}`).toContain(family);
    expect(names.filter((n) => !families.has(n))).toEqual([]);
  });

  it('ops/README.md documents every family, and no other', () => {
    const documented = new Set([...read('ops/README.md').matchAll(/`((?:sla|process|nodejs)_[a-z0-9_]+)`/g)].map((m) => m[1]!));
    expect([...families.keys()].filter((f) => !documented.has(f))).toEqual([]);
    expect([...documented].filter((f) => !families.has(f))).toEqual([]);
  });
});

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(read('ops/grafana/sla-ledger.dashboard.json'));
  const panels: Array<{ id: number; type: string; datasource?: unknown; targets?: Array<{ datasource: unknown; refId: string }> }> = dashboard.panels;

  it('takes the Prometheus data source as a variable and uses it everywhere', () => {
    expect(dashboard.templating.list[0]).toMatchObject({ name: 'datasource', type: 'datasource', query: 'prometheus' });
    const variable = `\${datasource}`; // Grafana's reference to the variable, taken literally
    const ds = { type: 'prometheus', uid: variable };
    for (const panel of panels.filter((p) => p.type !== 'row')) {
      expect(panel.datasource, `panel ${panel.id}`).toEqual(ds);
      for (const target of panel.targets ?? []) expect(target.datasource, `panel ${panel.id} ${target.refId}`).toEqual(ds);
    }
    // No data source uid of someone's Grafana left behind.
    expect([...JSON.stringify(dashboard).matchAll(/"uid":\s*"([^"]*)"/g)].map((m) => m[1]).filter((uid) => uid !== variable && uid !== 'sla-ledger')).toEqual([]);
  });

  it('has unique panel ids and a place on the grid for each', () => {
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const panel of panels) expect(panel).toHaveProperty('gridPos.w');
  });
});
