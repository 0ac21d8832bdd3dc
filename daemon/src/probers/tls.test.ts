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

  // Issue #14: the server answered, in another protocol (an SSH banner, plain
  // HTTP on the TLS port, random bytes): not the network, not a certificate.
  it.each([
    ['an SSH banner', Buffer.from('SSH-2.0-OpenSSH_9.6\r\n'), 'ERR_SSL_WRONG_VERSION_NUMBER'],
    ['plain HTTP', Buffer.from('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n'), 'ERR_SSL_WRONG_VERSION_NUMBER'],
    ['a record that is not a handshake', Buffer.from([0x17, 0x03, 0x03, 0x00, 0x05, 1, 2, 3, 4, 5]), 'ERR_SSL_UNEXPECTED_MESSAGE'],
  ])('is down "protocol" when the server answers %s', async (_name, bytes, code) => {
    const server = silentServer();
    server.on('connection', (socket) => socket.end(bytes));
    cleanups.push(() => stop(server));
    const result = await probeTls(spec(await listen(server)), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'protocol' } });
    expect(result.failure?.message).toContain(code);
  });

  it('is down "tls" when the server refuses the handshake with an alert', async () => {
    const server = silentServer();
    // A fatal handshake_failure alert (RFC 8446 §6): the server speaks TLS and says no.
    server.on('connection', (socket) => socket.once('data', () => socket.end(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]))));
    cleanups.push(() => stop(server));
    const result = await probeTls(spec(await listen(server)), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'tls' } });
    expect(result.failure?.message).toContain('ALERT_HANDSHAKE_FAILURE');
  });

  it('is degraded "latency" above degradedAboveMs, and up below it', async () => {
    const certificate = await createCertificate({ notAfterDays: 90 });
    const port = await serve(certificate);
    // A monotonic clock that advances 40 ms per read makes the handshake "slow" deterministically.
    let fake = 0;
    const slow = { ...probeContext(2_000), monotonic: () => (fake += 40) };
    const result = await probeTls(spec(port, { tlsInsecure: true, expect: { degradedAboveMs: 50 } }), slow);
    expect(result).toMatchObject({ state: 'degraded', failure: { kind: 'latency' } });
    expect(result.durationMs).toBeGreaterThan(50);
    const fast = await probeTls(spec(port, { tlsInsecure: true, expect: { degradedAboveMs: 60_000 } }), probeContext(2_000));
    expect(fast.state).toBe('up');
  });
});
