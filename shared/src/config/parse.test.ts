import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from './parse.ts';

const testdata = join(import.meta.dirname, 'testdata');
const files = (prefix: string) => readdirSync(testdata).filter((f) => f.startsWith(prefix) && f.endsWith('.yaml'));
const read = (file: string) => readFileSync(join(testdata, file), 'utf8');

describe('config: invalid files report every problem with file, line and path', () => {
  // Each invalid-*.yaml is paired with the exact text an operator sees (blackbox_exporter's testdata style).
  it.each(files('invalid-'))('%s', (file) => {
    const result = parseConfig(read(file), file);
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : `${result.problems.map(formatProblem).join('\n')}\n`;
    expect(text).toBe(read(file.replace(/\.yaml$/, '.errors')));
  });
});

describe('config: valid files', () => {
  it.each(files('valid-'))('%s parses', (file) => {
    const result = parseConfig(read(file), file);
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
    });
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
});
