import { spawn } from 'node:child_process';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../daemon/src/metrics/registry.ts';
import { createCertificate } from '../daemon/src/probers/testing/certificates.ts';
import { startDnsServer, type DnsServer } from '../daemon/src/probers/testing/dns-server.ts';
import { closedPort } from '../daemon/src/probers/testing/loopback.ts';
import { parseConfig } from '@sla/shared';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { switchableTarget } from './support/switchable-target.ts';
import { waitFor } from './support/daemon-process.ts';

const OPS = join(import.meta.dirname, '../ops/prometheus');

/** Runs promtool with `input` on stdin; resolves with its exit code and everything it printed. */
function promtool(args: string[], input?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', args, { cwd: OPS, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
    child.stdin.end(input ?? '');
  });
}

/** Issue #6: what the daemon serves passes `promtool check metrics` with no finding. */
describe('promtool check metrics', () => {
  let target: Awaited<ReturnType<typeof switchableTarget>>;
  let https: ReturnType<typeof createServer>;
  let dns: DnsServer;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  beforeAll(async () => {
    target = await switchableTarget();
    const certificate = await createCertificate({ notAfterDays: 30 });
    https = createServer({ cert: certificate.cert, key: certificate.key }, (_req, res) => res.end('ok'));
    await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
    const tlsPort = (https.address() as AddressInfo).port;
    dns = await startDnsServer({ 'app.test': ['10.0.0.5'] });
    const httpPort = new URL(target.url).port;
    // Every kind of monitor, one of them refused, so every per-monitor family has samples.
    t = await startTestDaemon('pglite', `
components:
  - { id: app, name: App, tier: core }
  - { id: docs, name: Docs, tier: feature }
monitors:
  - { id: app-http, component: app, kind: http, target: "${target.url}", interval: 200ms, timeout: 150ms }
  - { id: app-https, component: app, kind: http, target: "https://127.0.0.1:${tlsPort}/", tlsInsecure: true, interval: 200ms, timeout: 150ms }
  - { id: app-tcp, component: app, kind: tcp, target: "127.0.0.1:${httpPort}", interval: 200ms, timeout: 150ms }
  - { id: app-tls, component: app, kind: tls, target: "127.0.0.1:${tlsPort}", tlsInsecure: true, interval: 200ms, timeout: 150ms }
  - { id: app-dns, component: app, kind: dns, target: app.test, server: "${dns.address}", interval: 200ms, timeout: 150ms }
  - { id: docs-http, component: docs, kind: http, target: "http://127.0.0.1:${await closedPort()}/", interval: 200ms, timeout: 150ms }
detection: { failuresToOpen: 2, successesToClose: 2 }
`);
  });
  afterAll(async () => {
    await t?.stop();
    await target?.close();
    https?.closeAllConnections();
    await new Promise((r) => https?.close(r));
    await dns?.close();
  });

  it('the live /metrics of a daemon probing http, https, tcp, tls and dns, with an open outage', async () => {
    const text = await waitFor('an outage and a certificate in /metrics', async () => {
      const body = await (await fetch(`${t.daemon.url}/metrics`)).text();
      return body.includes('sla_open_outages{component="docs",impact="major_outage"} 1') && body.includes('sla_probe_tls_cert_expiry_timestamp_seconds{monitor="app-tls"}') ? body : undefined;
    });
    for (const family of ['sla_probe_http_duration_seconds', 'sla_probe_http_status_code', 'sla_uptime_ratio', 'sla_probe_failures_total', 'process_open_fds', 'sla_build_info'])
      expect(text, family).toContain(`# TYPE ${family} `);
    expect(await promtool(['check', 'metrics'], text)).toEqual({ code: 0, output: '' });
  });

  it('every optional family too: credits, fines, per-contract money, excluded downtime, maintenance, tickets, outbox', async () => {
    const parsed = parseConfig('components:\n  - { id: app, name: App, tier: core }\nmetrics: { perContractMoney: true, bearerToken: 0123456789abcdef }\n', 'm.yaml');
    if (!parsed.ok) throw new Error('config');
    const now = Date.now();
    const metrics = createMetrics(
      {
        config: () => parsed.config,
        componentStatus: () => 'operational',
        openOutages: async () => [],
        outageSeconds: async () => [],
        uptime: async () => [],
        ledger: {
          totals: async () => [{ contract: 'c-1', source: 'outage', state: 'approved', licenseSeconds: 43_200n, amountVnd: 50_000n }],
          excludedDowntime: async () => [{ component: 'app', reason: 'force_majeure', seconds: 60 }],
        },
        maintenance: { windows: async () => [{ components: ['app'], startsAt: now - 60_000, endsAt: now + 60_000, violations: ['notice_missing'] }] },
        tickets: { counts: async () => [{ class: 'critical', deadline: 'first_response', outcome: 'breached', count: 2 }] },
        outbox: { counts: async () => [{ channel: 'webhook', state: 'failed', count: 3 }] },
      },
      { now: () => now, monotonic: () => performance.now(), onError: () => {} },
    );
    try {
      const text = await metrics.render();
      expect(text).toContain('sla_contract_credits_vnd{contract="c-1",state="approved"} 50000');
      expect(text).toContain('sla_ticket_deadlines{class="critical",deadline="first_response",outcome="breached"} 2');
      expect(text).toContain('sla_outbox_messages{channel="webhook",state="failed"} 3');
      expect(await promtool(['check', 'metrics'], text)).toEqual({ code: 0, output: '' });
    } finally {
      metrics.close();
    }
  });
});

describe('the shipped Prometheus files', () => {
  it('promtool check rules: the rules file is valid', async () => {
    const result = await promtool(['check', 'rules', 'sla-ledger.rules.yml']);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('promtool test rules: each alert fires on the series the daemon writes, and only then', async () => {
    expect(await promtool(['test', 'rules', 'sla-ledger.rules.test.yml'])).toMatchObject({ code: 0 });
  });

  it('promtool check config: the example scrape config and the rules it loads', async () => {
    expect(await promtool(['check', 'config', 'prometheus.example.yml'])).toMatchObject({ code: 0 });
  });
});
