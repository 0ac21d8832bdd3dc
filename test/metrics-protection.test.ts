import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../daemon/src/probers/testing/loopback.ts';
import { runDaemonToExit } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';

const TOKEN = 'scrape-token-0123456789';
const components = 'components:\n  - { id: app, name: App, tier: core }\ncontracts:\n  - { id: c-secret, customer: "Secret Customer JSC", annualFeeVnd: "987654321", components: [app] }\n';

/** Issue #6: /metrics behind a bearer token, or on a listener of its own. */
describe('metrics.bearerToken', () => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  beforeAll(async () => { t = await startTestDaemon('pglite', `${components}metrics: { perContractMoney: true, bearerToken: ${TOKEN} }\n`); });
  afterAll(() => t?.stop());
  const scrape = (authorization?: string) => fetch(`${t.daemon.url}/metrics`, { headers: authorization ? { authorization } : {} });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer scrape-token-0123456780'],
    ['another scheme', `Basic ${TOKEN}`],
  ])('401 with %s, and nothing of the metrics', async (_name, header) => {
    const response = await scrape(header);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'a bearer token is required (Authorization: Bearer …)', details: [] } });
  });

  it('200 with the token; the rest of the API stays public', async () => {
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toContain('sla_component_status{component="app",status="operational"} 1');
    expect((await fetch(`${t.daemon.url}/healthz`)).status).toBe(200);
  });
});

describe('metrics.listen', () => {
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let port: number;
  beforeAll(async () => {
    port = await closedPort();
    t = await startTestDaemon('pglite', `${components}metrics: { perContractMoney: true, listen: "127.0.0.1:${port}" }\n`);
  });
  afterAll(() => t?.stop());

  it('serves /metrics on its own listener only; the API port answers 404', async () => {
    const own = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('# TYPE sla_build_info gauge');
    const api = await fetch(`${t.daemon.url}/metrics`);
    expect(api.status).toBe(404);
    expect(await api.text()).not.toContain('sla_');
  });

  it('the listener serves nothing else', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/components`)).status).toBe(404);
  });
});

describe('metrics.perContractMoney without protection', () => {
  it('the daemon refuses to start: exit 2, the problem with file, line and path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-metrics-'));
    const file = join(dir, 'sla.yaml');
    writeFileSync(file, `${components}database: { dir: "${join(dir, 'data')}" }\nmetrics:\n  perContractMoney: true\n`);
    const { code, output } = await runDaemonToExit(['--config', file], { DATABASE_URL: undefined });
    expect(code).toBe(2);
    expect(output).toContain(`${file}:7: metrics.perContractMoney: needs metrics.bearerToken or metrics.listen: per-contract money is confidential (docs/contract.md §5)`);
    expect(output).not.toContain('serving on');
  });
});
