import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcherPool } from './http-dispatchers.ts';
import { createHttpProber } from './http.ts';
import { createCertificate, type Certificate } from './testing/certificates.ts';
import { httpSpec } from './testing/http-spec.ts';
import { closedPort, countConnections, listen, probeContext, silentServer, stop } from './testing/loopback.ts';
import type { HttpSpec } from './types.ts';

const HEALTH = JSON.stringify({ status: 'ok', checks: [{ name: 'db', ok: true }] });

// One handler for the http and https servers: the path picks the behaviour.
function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const path = request.url ?? '/';
  if (path === '/health') response.writeHead(200, { 'content-type': 'application/json' }).end(HEALTH);
  else if (path === '/moved') response.writeHead(301, { location: '/health' }).end();
  else if (path === '/slow') setTimeout(() => response.writeHead(200).end('slow but fine'), 150);
  else if (path === '/hang') request.socket.setTimeout(0); // never answers
  else if (path === '/big') response.writeHead(200).end(`${'x'.repeat(70 * 1024)}needle`);
  else response.writeHead(404).end('not found');
}

describe('createHttpProber', () => {
  const pool = createDispatcherPool();
  const probe = createHttpProber(pool);
  const server = http.createServer(handle);
  let certificate: Certificate;
  let secure: https.Server;
  let base: string;
  let secureBase: string;

  beforeAll(async () => {
    base = `http://127.0.0.1:${await listen(server)}`;
    certificate = await createCertificate({ notAfterDays: 60 });
    secure = https.createServer({ cert: certificate.cert, key: certificate.key }, handle);
    secureBase = `https://localhost:${await listen(secure)}`;
  });
  afterAll(async () => {
    await pool.close();
    await Promise.all([stop(server), stop(secure)]);
  });

  const spec = (target: string, extra: Partial<HttpSpec> = {}, expect: Partial<HttpSpec['expect']> = {}): HttpSpec => httpSpec(target, expect, extra);

  it('is up on an expected status, with its timings', async () => {
    const result = await probe(spec(`${base}/health`), probeContext(2_000));
    expect(result).toMatchObject({ state: 'up', httpStatus: 200 });
    const { connectMs, tlsMs, firstByteMs } = result.timings ?? {};
    expect(connectMs).toBeGreaterThan(0);
    expect(tlsMs).toBeUndefined();
    expect(firstByteMs).toBeGreaterThanOrEqual(connectMs!);
    expect(result.durationMs).toBeGreaterThanOrEqual(firstByteMs!);
  });

  it('is down "status" on an unexpected status, and up when the list names it', async () => {
    expect(await probe(spec(`${base}/nope`), probeContext(2_000))).toMatchObject({
      state: 'down',
      httpStatus: 404,
      failure: { kind: 'status', message: 'status 404, expected 2xx' },
    });
    // Redirects are not followed: a 301 is the answer.
    expect(await probe(spec(`${base}/moved`, {}, { status: ['2xx', 301] }), probeContext(2_000))).toMatchObject({
      state: 'up',
      httpStatus: 301,
    });
  });

  it('checks bodyContains', async () => {
    expect((await probe(spec(`${base}/health`, {}, { bodyContains: '"ok"' }), probeContext(2_000))).state).toBe('up');
    expect(await probe(spec(`${base}/health`, {}, { bodyContains: 'degraded' }), probeContext(2_000))).toMatchObject({
      state: 'down',
      failure: { kind: 'body', message: "body does not contain 'degraded'" },
    });
  });

  it('reads at most 64 KiB of body', async () => {
    const result = await probe(spec(`${base}/big`, {}, { bodyContains: 'needle' }), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'body' } });
    expect(result.failure?.message).toContain('in the first 65536 bytes');
  });

  it('checks jsonPath', async () => {
    const ok = spec(`${base}/health`, {}, { jsonPath: { path: '$.checks[0].ok', equals: true } });
    expect((await probe(ok, probeContext(2_000))).state).toBe('up');
    const wrong = spec(`${base}/health`, {}, { jsonPath: { path: '$.status', equals: 'degraded' } });
    expect(await probe(wrong, probeContext(2_000))).toMatchObject({
      state: 'down',
      failure: { kind: 'body', message: '$.status is "ok", expected "degraded"' },
    });
  });

  it('is degraded "latency" above degradedAboveMs, and up below it', async () => {
    const slow = await probe(spec(`${base}/slow`, {}, { degradedAboveMs: 50 }), probeContext(2_000));
    expect(slow).toMatchObject({ state: 'degraded', httpStatus: 200, failure: { kind: 'latency' } });
    expect(slow.durationMs).toBeGreaterThanOrEqual(150);
    expect((await probe(spec(`${base}/slow`, {}, { degradedAboveMs: 1_500 }), probeContext(2_000))).state).toBe('up');
  });

  it('is degraded "latency" on undici\'s path too (https, keepAlive)', async () => {
    const secureSlow = await probe(spec(`${secureBase}/slow`, { tlsInsecure: true }, { degradedAboveMs: 50 }), probeContext(2_000));
    expect(secureSlow).toMatchObject({ state: 'degraded', httpStatus: 200, failure: { kind: 'latency' } });
    const keptSlow = await probe(spec(`${base}/slow`, { keepAlive: true }, { degradedAboveMs: 50 }), probeContext(2_000));
    expect(keptSlow).toMatchObject({ state: 'degraded', httpStatus: 200, failure: { kind: 'latency' } });
    expect((await probe(spec(`${base}/slow`, { keepAlive: true }, { degradedAboveMs: 1_500 }), probeContext(2_000))).state).toBe('up');
  });

  it('is down "protocol" when an https target answers in plain HTTP (issue #14)', async () => {
    const result = await probe(spec(`https://127.0.0.1:${new URL(base).port}/health`), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'protocol' } });
    expect(result.failure?.message).toContain('ERR_SSL_WRONG_VERSION_NUMBER');
  });

  it('is down "refused" on a closed port', async () => {
    const result = await probe(spec(`http://127.0.0.1:${await closedPort()}/`), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'refused' } });
  });

  it('is down "timeout" promptly when the server never answers', async () => {
    const started = performance.now();
    const result = await probe(spec(`${base}/hang`, { timeoutMs: 300 }), probeContext(300));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'timeout' } });
    expect(result.timings?.connectMs).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('is down "timeout" promptly when the TLS handshake hangs (undici alone waits for its connect timeout)', async () => {
    const hung = silentServer();
    const port = await listen(hung);
    try {
      const started = performance.now();
      const result = await probe(spec(`https://127.0.0.1:${port}/`, { timeoutMs: 300 }), probeContext(300));
      expect(result).toMatchObject({ state: 'down', failure: { kind: 'timeout' } });
      expect(performance.now() - started).toBeLessThan(400);
    } finally {
      await stop(hung);
    }
  });

  it('probes HTTPS with a self-signed certificate when tlsInsecure, reporting TLS time and notAfter', async () => {
    const result = await probe(spec(`${secureBase}/health`, { tlsInsecure: true }), probeContext(2_000));
    expect(result).toMatchObject({ state: 'up', httpStatus: 200, tlsNotAfter: certificate.notAfter });
    expect(result.timings?.tlsMs).toBeGreaterThan(0);
    expect(result.timings?.firstByteMs).toBeGreaterThanOrEqual(result.timings!.connectMs! + result.timings!.tlsMs!);
  });

  it('is down "tls" on a self-signed certificate without tlsInsecure', async () => {
    const result = await probe(spec(`${secureBase}/health`), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'tls' } });
    expect(result.failure?.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('supports HEAD', async () => {
    const result = await probe(spec(`${base}/health`, { method: 'HEAD' }), probeContext(2_000));
    expect(result).toMatchObject({ state: 'up', httpStatus: 200 });
  });
});

describe('connections', () => {
  async function probeThrice(keepAlive: boolean, secure: Certificate | undefined) {
    const server = secure
      ? https.createServer({ cert: secure.cert, key: secure.key }, handle)
      : http.createServer(handle);
    const port = await listen(server);
    const connections = countConnections(server);
    const pool = createDispatcherPool();
    const probe = createHttpProber(pool);
    const target = `${secure ? 'https' : 'http'}://127.0.0.1:${port}/health`;
    const spec: HttpSpec = { kind: 'http', target, timeoutMs: 2_000, keepAlive, tlsInsecure: true, expect: { status: ['2xx'] } };
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await probe(spec, probeContext(2_000)));
    await pool.close();
    await stop(server);
    return { results, connections: connections() };
  }

  it('opens a new connection per probe by default, so connect time is always measured', async () => {
    const { results, connections } = await probeThrice(false, undefined);
    expect(connections).toBe(3);
    expect(results.every((r) => r.state === 'up' && r.timings?.connectMs !== undefined)).toBe(true);
  });

  it('reuses one connection with keepAlive, timing connect only on the probe that opened it', async () => {
    const { results, connections } = await probeThrice(true, undefined);
    expect(connections).toBe(1);
    expect(results.map((r) => r.state)).toEqual(['up', 'up', 'up']);
    expect(results.map((r) => r.timings?.connectMs !== undefined)).toEqual([true, false, false]);
  });

  it('keeps reporting the certificate on a reused HTTPS connection', async () => {
    const certificate = await createCertificate({ notAfterDays: 30 });
    const { results, connections } = await probeThrice(true, certificate);
    expect(connections).toBe(1);
    expect(results.map((r) => r.tlsNotAfter)).toEqual([certificate.notAfter, certificate.notAfter, certificate.notAfter]);
  });

  it('retries once on a new connection when a kept-alive one was closed under it', async () => {
    // Answers the first request of each connection, then drops the connection on the next one.
    const server = net.createServer((socket) => {
      let requests = 0;
      socket.on('data', () => {
        requests += 1;
        if (requests === 1) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
        else socket.destroy();
      });
    });
    const port = await listen(server);
    const connections = countConnections(server);
    const pool = createDispatcherPool();
    const probe = createHttpProber(pool);
    const spec: HttpSpec = { kind: 'http', target: `http://127.0.0.1:${port}/`, timeoutMs: 2_000, keepAlive: true, expect: { status: ['2xx'] } };
    try {
      expect((await probe(spec, probeContext(2_000))).state).toBe('up');
      expect((await probe(spec, probeContext(2_000))).state).toBe('up');
      expect(connections()).toBe(2);
    } finally {
      await pool.close();
      await stop(server);
    }
  });
});
