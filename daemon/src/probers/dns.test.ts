import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeDns } from './dns.ts';
import { startDnsServer, type DnsServer } from './testing/dns-server.ts';
import { probeContext } from './testing/loopback.ts';
import type { DnsSpec } from './types.ts';

describe('probeDns', () => {
  let server: DnsServer;
  beforeAll(async () => {
    server = await startDnsServer({ 'api.example.test': ['192.0.2.10', '192.0.2.11'] }, ['slow.example.test'], ['garbled.example.test']);
  });
  afterAll(() => server.close());

  const spec = (target: string, extra: Partial<DnsSpec> = {}): DnsSpec => ({
    kind: 'dns',
    target,
    timeoutMs: 1_000,
    server: server.address,
    expect: {},
    ...extra,
  });

  it('is up when the resolver answers, asking the configured server', async () => {
    const before = server.queries();
    const result = await probeDns(spec('api.example.test'), probeContext(1_000));
    expect(result).toMatchObject({ state: 'up' });
    expect(server.queries()).toBe(before + 1);
  });

  it('is up when one answer equals expect.contains', async () => {
    const result = await probeDns(spec('api.example.test', { expect: { contains: '192.0.2.11' } }), probeContext(1_000));
    expect(result.state).toBe('up');
  });

  it('is down "body" when no answer equals expect.contains: resolution worked, the content is wrong', async () => {
    const result = await probeDns(spec('api.example.test', { expect: { contains: '192.0.2.99' } }), probeContext(1_000));
    expect(result).toMatchObject({
      state: 'down',
      failure: { kind: 'body', message: "no answer equals '192.0.2.99' (got '192.0.2.10', '192.0.2.11')" },
    });
  });

  it('is down "dns" on NXDOMAIN', async () => {
    const result = await probeDns(spec('missing.example.test'), probeContext(1_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'dns' } });
    expect(result.failure?.message).toContain('ENOTFOUND');
  });

  it('is down "dns" when the name has no record of that type', async () => {
    const result = await probeDns(spec('api.example.test', { recordType: 'AAAA' }), probeContext(1_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'dns' } });
    expect(result.failure?.message).toContain('ENODATA');
  });

  it('is down "protocol" when the reply does not parse: the server answered, the network works (issue #14)', async () => {
    const result = await probeDns(spec('garbled.example.test'), probeContext(1_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'protocol' } });
    expect(result.failure?.message).toContain('EBADRESP');
  });

  it('is down "timeout" promptly when the server does not answer', async () => {
    const started = performance.now();
    const result = await probeDns(spec('slow.example.test', { timeoutMs: 300 }), probeContext(300));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'timeout' } });
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('is degraded "latency" above degradedAboveMs', async () => {
    let fake = 0;
    const ctx = { ...probeContext(1_000), monotonic: () => (fake += 30) };
    const result = await probeDns(spec('api.example.test', { expect: { degradedAboveMs: 10 } }), ctx);
    expect(result).toMatchObject({ state: 'degraded', durationMs: 30, failure: { kind: 'latency' } });
  });
});
