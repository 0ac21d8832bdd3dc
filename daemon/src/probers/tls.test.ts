import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthority, createCertificate, type Certificate } from './testing/certificates.ts';
import { closedPort, listen, probeContext, silentServer, stop } from './testing/loopback.ts';
import { probeTls } from './tls.ts';
import type { TlsSpec } from './types.ts';

const DAY_MS = 86_400_000;

const spec = (port: number, extra: Partial<TlsSpec> = {}): TlsSpec => ({
  kind: 'tls',
  target: `127.0.0.1:${port}`,
  serverName: 'localhost',
  timeoutMs: 2_000,
  expect: {},
  ...extra,
});

describe('probeTls', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function serve(certificate: Certificate): Promise<number> {
    const server = tls.createServer({ cert: certificate.cert, key: certificate.key }, (socket) => socket.end());
    cleanups.push(() => stop(server));
    return listen(server);
  }

  it('is up with a valid certificate (tlsInsecure for self-signed), reporting notAfter and phases', async () => {
    const certificate = await createCertificate({ notAfterDays: 90 });
    const result = await probeTls(spec(await serve(certificate), { tlsInsecure: true }), probeContext(2_000));
    expect(result).toMatchObject({ state: 'up', tlsNotAfter: certificate.notAfter });
    expect(result.timings?.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.timings?.tlsMs).toBeGreaterThan(0);
  });

  it('is down "tls" for a self-signed certificate without tlsInsecure', async () => {
    const certificate = await createCertificate({ notAfterDays: 90 });
    const result = await probeTls(spec(await serve(certificate)), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', tlsNotAfter: certificate.notAfter, failure: { kind: 'tls' } });
    expect(result.failure?.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('is up for a certificate issued by a trusted CA, and down when the name does not match', async () => {
    const authority = await createAuthority();
    const certificate = await createCertificate({ notAfterDays: 90 }, authority);
    const port = await serve(certificate);
    const defaults = tls.getCACertificates('default');
    tls.setDefaultCACertificates([...defaults, authority.cert]);
    try {
      expect(await probeTls(spec(port), probeContext(2_000))).toMatchObject({ state: 'up' });
      const wrongName = await probeTls(spec(port, { serverName: 'example.test' }), probeContext(2_000));
      expect(wrongName).toMatchObject({ state: 'down', failure: { kind: 'tls' } });
      expect(wrongName.failure?.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    } finally {
      tls.setDefaultCACertificates(defaults);
    }
  });

  it('is down "tls" for an expired certificate, even with tlsInsecure', async () => {
    const certificate = await createCertificate({ notBeforeDays: -60, notAfterDays: -1 });
    const result = await probeTls(spec(await serve(certificate), { tlsInsecure: true }), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', tlsNotAfter: certificate.notAfter, failure: { kind: 'tls' } });
    expect(result.failure?.message).toMatch(/^certificate expired at /);
  });

  it('is degraded "tls" when the certificate expires in fewer than degradedBelowDays', async () => {
    const now = Date.now();
    const certificate = await createCertificate({ notAfterDays: 5, now });
    const probe = spec(await serve(certificate), { tlsInsecure: true, expect: { degradedBelowDays: 14 } });
    const result = await probeTls(probe, probeContext(2_000, () => now));
    expect(result).toMatchObject({ state: 'degraded', tlsNotAfter: certificate.notAfter, failure: { kind: 'tls' } });
    expect(certificate.notAfter).toBe(Math.floor((now + 5 * DAY_MS) / 1000) * 1000);
    expect(result.failure?.message).toMatch(/^certificate expires in 5\.0 days, below 14$/);
  });

  it('judges expiry by the injected clock, not the machine clock', async () => {
    const certificate = await createCertificate({ notAfterDays: 90 });
    const later = certificate.notAfter + 1;
    const result = await probeTls(spec(await serve(certificate), { tlsInsecure: true }), probeContext(2_000, () => later));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'tls' } });
  });

  it('is down "refused" on a closed port', async () => {
    const result = await probeTls(spec(await closedPort()), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'refused' } });
  });

  it('is down "timeout" promptly when the server never answers the handshake', async () => {
    const server = silentServer();
    cleanups.push(() => stop(server));
    const port = await listen(server);
    const started = performance.now();
    const result = await probeTls(spec(port, { timeoutMs: 300 }), probeContext(300));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'timeout' } });
    expect(result.timings?.connectMs).toBeGreaterThanOrEqual(0);
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('is down "tls" when the server does not speak TLS', async () => {
    const server = silentServer();
    server.on('connection', (socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    cleanups.push(() => stop(server));
    const result = await probeTls(spec(await listen(server)), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'tls' } });
  });
});
