import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from './parse.ts';

const testdata = join(import.meta.dirname, 'testdata');
const files = (prefix: string) => readdirSync(testdata).filter((f) => f.startsWith(prefix) && f.endsWith('.yaml'));
const read = (file: string) => readFileSync(join(testdata, file), 'utf8');
/** The environment every testdata file is checked against: the secrets auth names (issue #14). */
const ENV = { PROBE_PASSWORD: 'hunter2', PROBE_TOKEN: '', PROBE_BAD: 'line\nbreak', PROBE_GOOD_TOKEN: 't0ken' };

describe('config: invalid files report every problem with file, line and path', () => {
  // Each invalid-*.yaml is paired with the exact text an operator sees (blackbox_exporter's testdata style).
  it.each(files('invalid-'))('%s', (file) => {
    const result = parseConfig(read(file), file, ENV);
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : `${result.problems.map(formatProblem).join('\n')}\n`;
    expect(text).toBe(read(file.replace(/\.yaml$/, '.errors')));
  });
});

describe('config: valid files', () => {
  it.each(files('valid-'))('%s parses', (file) => {
    const result = parseConfig(read(file), file, ENV);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it('fills every default from the schema', () => {
    const result = parseConfig(read('valid-minimal.yaml'), 'valid-minimal.yaml');
    if (!result.ok) throw new Error('expected valid');
    expect(result.config).toMatchObject({
      monitors: [],
      contracts: [],
      detection: { failuresToOpen: 3, successesToClose: 2 },
      server: { port: 8080, host: '0.0.0.0' },
      // Issue #12: a database that hangs instead of refusing must not stall every monitor.
      database: { dir: './data', connectTimeoutMs: 5_000, statementTimeoutMs: 30_000 },
      retention: { rawResults: 7 * 86_400_000 },
      isolation: { minMonitors: 3 },
      policy: { version: '1office-sla-2025', blockRounding: 'floor', fineLicenseRounding: 'hour_up' },
      // Issue #19: without an identity the page says only "Service status".
      statusPage: {},
    });
  });

  it('keeps the vendor identity the statement shows, and leaves it out when absent (issue #16)', () => {
    const full = parseConfig(read('valid-full.yaml'), 'valid-full.yaml');
    const minimal = parseConfig(read('valid-minimal.yaml'), 'valid-minimal.yaml');
    if (!full.ok || !minimal.ok) throw new Error('expected valid');
    expect(full.config.vendor).toEqual({ name: 'Công ty Cổ phần Ví Dụ Cloud', address: '1 Lê Lợi, Quận 1, TP. Hồ Chí Minh', taxCode: '0312345678-001' });
    expect(minimal.config.vendor).toBeUndefined();
  });

  it("keeps the status page's identity as written (issue #19)", () => {
    const result = parseConfig(read('valid-full.yaml'), 'valid-full.yaml');
    if (!result.ok) throw new Error('expected valid');
    expect(result.config.statusPage).toEqual({ title: 'Ví Dụ Cloud', logo: 'https://cdn.example.com/logo.svg', homepage: 'https://example.com', favicon: '/favicon.ico', accentColor: '#0a7cff' });
  });

  it('turns durations into milliseconds and keeps expectations', () => {
    const result = parseConfig(read('valid-full.yaml'), 'valid-full.yaml');
    if (!result.ok) throw new Error('expected valid');
    const [http, tcp, tls] = result.config.monitors;
    expect(http).toMatchObject({ interval: 15_000, timeout: 5_000, keepAlive: true });
    expect(http?.kind === 'http' && http.expect).toEqual({
      status: [200, '3xx'],
      bodyContains: 'ok',
      jsonPath: { path: '$.status', equals: 'ok' },
      degradedAbove: 2_000,
    });
    expect(tcp).toMatchObject({ interval: 30_000, timeout: 10_000 });
    expect(tls?.kind === 'tls' && tls.expect.degradedBelowDays).toBe(21);
    expect(result.config.contracts[0]).toMatchObject({ timeZone: 'Asia/Ho_Chi_Minh', creditAs: 'renewal' });
    expect(result.config.policy).toMatchObject({ blockRounding: 'prorata', fineBaseVnd: 500_000n, forceMajeureNeedsSecondApprover: true });
  });

  it('keeps what an http monitor sends and expects, with today\'s defaults when it says nothing (issue #14)', () => {
    const result = parseConfig(read('valid-http-request.yaml'), 'valid-http-request.yaml', ENV);
    if (!result.ok) throw new Error('expected valid');
    const [login, token, options] = result.config.monitors;
    expect(login).toMatchObject({
      method: 'POST',
      body: '{"probe":true}',
      headers: { 'Content-Type': 'application/json', 'X-Probe': 'sla-ledger' },
      auth: { basic: { username: 'probe', passwordEnv: 'PROBE_PASSWORD' } },
      followRedirects: true,
      expect: { status: [201], header: { name: 'content-type', contains: 'json' }, degradedAbove: 800 },
    });
    // The config holds the variable's name, never its value.
    expect(JSON.stringify(result.config.monitors)).not.toContain('hunter2');
    expect(token).toMatchObject({ method: 'GET', headers: {}, followRedirects: false, auth: { bearer: { tokenEnv: 'PROBE_GOOD_TOKEN' } } });
    expect(options).toMatchObject({ method: 'OPTIONS', expect: { header: { name: 'allow', equals: 'GET, POST' } } });
  });
});

describe('config: secrets come from the environment (issue #14)', () => {
  const yaml = (auth: string) => `components:\n  - { id: app, name: App, tier: core }\nmonitors:\n  - { id: m, component: app, kind: http, target: "https://h.test/", auth: ${auth} }\n`;

  it('is a problem, naming the variable, when the environment lacks it; none by default', () => {
    const result = parseConfig(yaml('{ bearer: { tokenEnv: SLA_TOKEN } }'), 'c.yaml');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual(['c.yaml:4: monitors[0].auth.bearer.tokenEnv: environment variable SLA_TOKEN is not set']);
    expect(parseConfig(yaml('{ bearer: { tokenEnv: SLA_TOKEN } }'), 'c.yaml', { SLA_TOKEN: 'abc' }).ok).toBe(true);
  });

  it('never writes the value of a variable it refuses', () => {
    const secret = 'top-secret-value';
    const result = parseConfig(yaml('{ basic: { username: u, passwordEnv: SLA_PASSWORD } }'), 'c.yaml', { SLA_PASSWORD: `${secret}\r\n` });
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : result.problems.map(formatProblem).join('\n');
    expect(text).toContain('SLA_PASSWORD');
    expect(text).not.toContain(secret);
  });

  it('takes an empty Basic password (a key given as the user name), not an empty token', () => {
    expect(parseConfig(yaml('{ basic: { username: key, passwordEnv: SLA_PASSWORD } }'), 'c.yaml', { SLA_PASSWORD: '' }).ok).toBe(true);
    expect(parseConfig(yaml('{ bearer: { tokenEnv: SLA_TOKEN } }'), 'c.yaml', { SLA_TOKEN: '' }).ok).toBe(false);
  });
});
