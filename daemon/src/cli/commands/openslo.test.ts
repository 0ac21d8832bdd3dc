import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../main.ts';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {}, cwd });
  return { code, stdout, stderr };
}
const documents = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

describe('sla openslo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openslo-'));
  writeFileSync(
    join(dir, 'sla.yaml'),
    'components:\n  - { id: web.app, name: Web application, tier: core }\n  - { id: reports, name: Reports, tier: feature }\n  - { id: billing, name: Billing, tier: core, description: Invoices }\n',
  );

  it('writes Service, SLI and SLO for each core component, none for feature ones', async () => {
    const { code, stdout, stderr } = await run(['openslo', '--config', 'sla.yaml'], dir);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const docs = documents(stdout);
    expect(docs.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual([
      'Service web-app', 'SLI web-app-availability', 'SLO web-app-availability',
      'Service billing', 'SLI billing-availability', 'SLO billing-availability',
    ]);
    expect(docs.every((d) => d.apiVersion === 'openslo/v1')).toBe(true);
    const [, sli, slo] = docs;
    expect(sli.spec.ratioMetric).toEqual({
      counter: true,
      good: { metricSource: { type: 'Prometheus', spec: { query: 'sum(sla_probes_total{result=~"up|degraded"} * on (monitor) group_left (component) sla_monitor_info{component="web.app"})' } } },
      total: { metricSource: { type: 'Prometheus', spec: { query: 'sum(sla_probes_total{result=~"up|degraded|down"} * on (monitor) group_left (component) sla_monitor_info{component="web.app"})' } } },
    });
    expect(slo.spec).toMatchObject({
      service: 'web-app',
      indicatorRef: 'web-app-availability',
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: 'Available', target: 0.999 }],
    });
    expect(docs[3].spec.description).toBe('Invoices');
  });

  it('--out DIR: one file per core component, their paths on stdout; --target and --window', async () => {
    const { code, stdout } = await run(['openslo', '--config', 'sla.yaml', '--out', 'slo', '--target', '0.995', '--window', '28d'], dir);
    expect(code).toBe(0);
    expect(stdout).toBe('slo/web-app.yaml\nslo/billing.yaml\n');
    expect(readdirSync(join(dir, 'slo')).sort()).toEqual(['billing.yaml', 'web-app.yaml']);
    const slo = documents(readFileSync(join(dir, 'slo/billing.yaml'), 'utf8'))[2];
    expect(slo.spec).toMatchObject({ timeWindow: [{ duration: '28d', isRolling: true }], objectives: [{ target: 0.995 }] });
  });

  it.each([
    [['--target', '99.9'], '--target: must be a ratio between 0 and 1 (exclusive), not 99.9'],
    [['--window', 'a month'], '--window: must be a duration like 28d, 4w or 720h, not a month'],
    [['--colour', 'red'], "Unknown option '--colour'"],
  ])('exits 2 on %j', async (args, message) => {
    const { code, stdout, stderr } = await run(['openslo', '--config', 'sla.yaml', ...args], dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: sla openslo');
  });

  it('exits 2 with every config problem', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'components:\n  - { id: app, name: App, tier: gold }\n');
    expect(await run(['openslo', '--config', 'bad.yaml'], dir)).toEqual({ code: 2, stdout: '', stderr: 'bad.yaml:2: components[0].tier: must be one of core, feature\n' });
  });

  it('refuses two components that would share an OpenSLO name', async () => {
    writeFileSync(join(dir, 'clash.yaml'), 'components:\n  - { id: a.b, name: A, tier: core }\n  - { id: a_b, name: B, tier: core }\n');
    expect(await run(['openslo', '--config', 'clash.yaml'], dir)).toMatchObject({ code: 2, stderr: 'components a.b and a_b both become the OpenSLO name a-b: rename one\n' });
  });
});
