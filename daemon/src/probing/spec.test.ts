import { parseConfig, type MonitorConfig } from '@sla/shared';
import { describe, expect, it } from 'vitest';
import { toSpec } from './spec.ts';

function monitor(fields: string, env: Record<string, string> = {}): MonitorConfig {
  const parsed = parseConfig(`components:\n  - { id: app, name: App, tier: core }\nmonitors:\n  - { id: m, component: app, kind: http, target: "http://h.test/", ${fields} }\n`, 't.yaml', env);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config.monitors[0]!;
}

describe('toSpec, http (issue #14)', () => {
  it('keeps GET without redirects, headers or credentials when the config says nothing', () => {
    const spec = toSpec(monitor('timeout: 2s'), {});
    expect(spec).toMatchObject({ method: 'GET', headers: {}, followRedirects: false });
    expect(spec).not.toHaveProperty('authorization');
    expect(spec).not.toHaveProperty('secrets');
  });

  it('makes Basic credentials from the password in the environment (RFC 7617, UTF-8)', () => {
    const env = { PROBE_PASSWORD: 'pässword' };
    const spec = toSpec(monitor('auth: { basic: { username: probe, passwordEnv: PROBE_PASSWORD } }', env), env);
    const encoded = Buffer.from('probe:pässword', 'utf8').toString('base64');
    expect(spec).toMatchObject({ authorization: `Basic ${encoded}`, secrets: ['pässword', encoded] });
  });

  it('makes a Bearer header from the token in the environment', () => {
    const env = { PROBE_TOKEN: 'abc.def' };
    expect(toSpec(monitor('auth: { bearer: { tokenEnv: PROBE_TOKEN } }', env), env)).toMatchObject({ authorization: 'Bearer abc.def', secrets: ['abc.def'] });
  });

  it('names a variable that went missing since the config was checked, never a value', () => {
    const m = monitor('auth: { bearer: { tokenEnv: PROBE_TOKEN } }', { PROBE_TOKEN: 'x' });
    expect(() => toSpec(m, {})).toThrow('environment variable PROBE_TOKEN is not set');
  });

  it('carries method, body, headers, redirects and the expected header', () => {
    const spec = toSpec(monitor('method: PUT, body: "{}", headers: { X-A: b }, followRedirects: true, expect: { header: { name: etag, contains: v1 } }'), {});
    expect(spec).toMatchObject({ method: 'PUT', body: '{}', headers: { 'X-A': 'b' }, followRedirects: true, expect: { header: { name: 'etag', contains: 'v1' } } });
  });
});
