// The bare-socket path of the HTTP prober (issue #7) against raw loopback
// servers that write exactly the bytes under test: framings, malformed
// answers, early closes and hangs, each as the prober reports it.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcherPool } from './http-dispatchers.ts';
import { planPlain } from './http-plain.ts';
import { createHttpProber } from './http.ts';
import { httpSpec } from './testing/http-spec.ts';
import { closedPort, listen, probeContext, stop } from './testing/loopback.ts';

const pool = createDispatcherPool();
const probe = createHttpProber(pool);
const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(stop));
});

type Step = string | Buffer | { wait: number } | 'close' | 'hang';

/** A server that, once the request's head is in, plays `steps` (writes, pauses) and then closes (default) or hangs. */
async function rawServer(steps: Step[], seen?: (request: string) => void): Promise<string> {
  const server = net.createServer((socket) => {
    let request = '';
    socket.on('error', () => {});
    socket.on('data', async (data) => {
      request += data.toString('latin1');
      if (!request.includes('\r\n\r\n')) return;
      socket.removeAllListeners('data');
      seen?.(request);
      for (const step of steps) {
        if (socket.destroyed) return;
        if (step === 'hang') return;
        if (step === 'close') return void socket.destroy();
        if (typeof step === 'object' && 'wait' in step) await new Promise((r) => setTimeout(r, step.wait));
        else socket.write(step);
      }
      socket.end();
    });
  });
  servers.push(server);
  return `http://127.0.0.1:${await listen(server)}/health?x=1`;
}

const spec = httpSpec;

const ok = (body: string, headers = '') => `HTTP/1.1 200 OK\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`;
const chunked = (...parts: string[]) =>
  `HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n${parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('')}0\r\n\r\n`;

describe('planPlain', () => {
  it('takes plain http on its own connection, GET or HEAD; leaves https, keepAlive and credentials to undici', () => {
    expect(planPlain(spec('http://127.0.0.1:8080/a?b=1'))).toMatchObject({ host: '127.0.0.1', port: 8080, head: false, keepBytes: 0 });
    expect(planPlain(spec('http://[::1]/x', {}, { method: 'HEAD' }))).toMatchObject({ host: '::1', port: 80, head: true });
    expect(planPlain(spec('http://h/x', { bodyContains: 'ok' }))?.keepBytes).toBe(65_536);
    expect(planPlain(spec('https://127.0.0.1/'))).toBeUndefined();
    expect(planPlain(spec('http://127.0.0.1/', {}, { keepAlive: true }))).toBeUndefined();
    expect(planPlain(spec('http://user:secret@127.0.0.1/'))).toBeUndefined();
  });

  it('sends the request undici sends for a one-probe Client', async () => {
    let request = '';
    const target = await rawServer([ok('ok')], (r) => (request = r));
    await probe(spec(target), probeContext(2_000));
    const port = new URL(target).port;
    expect(request).toBe(`GET /health?x=1 HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nconnection: close\r\nuser-agent: sla-ledger-prober\r\n\r\n`);
  });
});

describe('HTTP prober, plain path: framings', () => {
  it('reads a Content-Length body, with timings', async () => {
    const result = await probe(spec(await rawServer([ok('{"status":"ok"}')]), { jsonPath: { path: '$.status', equals: 'ok' } }), probeContext(2_000));
    expect(result).toMatchObject({ state: 'up', httpStatus: 200 });
    expect(result.timings?.connectMs).toBeGreaterThan(0);
    expect(result.timings?.firstByteMs).toBeGreaterThanOrEqual(result.timings!.connectMs!);
    expect(result.durationMs).toBeGreaterThanOrEqual(result.timings!.firstByteMs!);
  });

  it('reads a chunked body, whatever the packets cut', async () => {
    const bytes = chunked('{"checks":[', '{"ok":true}', ']}');
    const dribbled: Step[] = [...bytes].flatMap((c, i) => (i % 7 === 0 ? [c, { wait: 1 }] : [c]));
    for (const steps of [[bytes], dribbled]) {
      const result = await probe(spec(await rawServer(steps), { jsonPath: { path: 'checks.0.ok', equals: true } }), probeContext(2_000));
      expect(result).toMatchObject({ state: 'up', httpStatus: 200 });
    }
  });

  it('takes chunk extensions and trailers', async () => {
    const bytes = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n0\r\nx-trailer: 1\r\n\r\n';
    expect(await probe(spec(await rawServer([bytes]), { bodyContains: 'hello' }), probeContext(2_000))).toMatchObject({ state: 'up' });
  });

  it('reads a body without length until the server closes', async () => {
    const steps: Step[] = ['HTTP/1.0 200 OK\r\n\r\nfirst ', { wait: 20 }, 'second'];
    expect(await probe(spec(await rawServer(steps), { bodyContains: 'first second' }), probeContext(2_000))).toMatchObject({ state: 'up' });
  });

  it('skips 100 Continue and reads the final response', async () => {
    const steps: Step[] = ['HTTP/1.1 100 Continue\r\n\r\n', ok('ready')];
    expect(await probe(spec(await rawServer(steps), { bodyContains: 'ready' }), probeContext(2_000))).toMatchObject({ state: 'up', httpStatus: 200 });
  });

  it('reads no body after HEAD, nor after 204, even when the headers announce one', async () => {
    // Both leave the connection open: a prober waiting for a body would time out.
    const head = await probe(spec(await rawServer(['HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n', 'hang']), {}, { method: 'HEAD' }), probeContext(1_000));
    expect(head).toMatchObject({ state: 'up', httpStatus: 200 });
    const empty = await probe(spec(await rawServer(['HTTP/1.1 204 No Content\r\n\r\n', 'hang'])), probeContext(1_000));
    expect(empty).toMatchObject({ state: 'up', httpStatus: 204 });
  });

  it('checks the first 64 KiB of a long body and says so, chunked or not', async () => {
    const long = `${'x'.repeat(70 * 1024)}needle`;
    for (const bytes of [ok(long), chunked(long.slice(0, 40_000), long.slice(40_000))]) {
      const result = await probe(spec(await rawServer([bytes]), { bodyContains: 'needle' }), probeContext(2_000));
      expect(result).toMatchObject({ state: 'down', httpStatus: 200, failure: { kind: 'body', message: "body does not contain 'needle' (in the first 65536 bytes)" } });
    }
  });

  it('stops reading a long body it does not check, without waiting for the rest', async () => {
    const steps: Step[] = [`HTTP/1.1 200 OK\r\ncontent-length: ${10 * 1024 * 1024}\r\n\r\n`, 'y'.repeat(200 * 1024), 'hang'];
    expect(await probe(spec(await rawServer(steps)), probeContext(1_000))).toMatchObject({ state: 'up', httpStatus: 200 });
  });

  it('judges the status of an unexpected one, and keeps its body unread', async () => {
    expect(await probe(spec(await rawServer(['HTTP/1.1 503 Service Unavailable\r\ncontent-length: 4\r\n\r\nbusy'])), probeContext(2_000))).toMatchObject({
      state: 'down',
      httpStatus: 503,
      failure: { kind: 'status', message: 'status 503, expected 2xx' },
    });
  });
});

/** Answers no HTTP/1.1 client may take, and what the plain path says of each. */
const malformed = [
  ['a status line that is not HTTP', 'SSH-2.0-OpenSSH_9.6\r\n\r\n', 'not an HTTP/1.x status line'],
  ['a header line without a colon', 'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', 'malformed header line'],
  ['differing content-lengths', 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\nok', 'invalid content-length'],
  ['content-length and chunked at once', 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n', 'both transfer-encoding and content-length'],
  ['a chunk size that is not hex', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n', 'invalid chunk size line'],
  ['chunk data longer than its size', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nokay\r\n0\r\n\r\n', 'chunk data longer than its size'],
  // Issue #12: each of these never completed or was taken as framed.
  ['a head ending in bare LFs', 'HTTP/1.1 200 OK\ncontent-length: 2\n\nok', 'bare LF in the response head'],
  ['a bare LF among CRLF lines', 'HTTP/1.1 200 OK\r\nx-a: 1\ncontent-length: 2\r\n\r\nok', 'bare LF in the response head'],
  ['a NUL in a header value', 'HTTP/1.1 200 OK\r\nx-a: a\u0000b\r\ncontent-length: 2\r\n\r\nok', 'NUL or CR in a header value'],
  ['a bare CR in a header value', 'HTTP/1.1 200 OK\r\nx-a: a\rb\r\ncontent-length: 2\r\n\r\nok', 'NUL or CR in a header value'],
  ['HTTP/1.0 with transfer-encoding', 'HTTP/1.0 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n', 'transfer-encoding in an HTTP/1.0 response'],
  ['headers past 16 KiB', `HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(17 * 1024)}\r\n\r\n`, 'response headers larger than 16384 bytes'],
] as const;

describe('HTTP prober, plain path: failures', () => {
  it.each(malformed)('is down "protocol" on %s, saying what was wrong', async (_name, bytes, message) => {
    const result = await probe(spec(await rawServer([bytes]), { bodyContains: 'ok' }), probeContext(2_000));
    // Issue #12: the server answered, so it is not the network (and not a sign we are cut off: isolation.ts).
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'protocol' } });
    expect(result.failure?.message).toContain(message);
    expect(result.failure?.message).toMatch(/^HTTP_MALFORMED_RESPONSE: /);
  });

  // undici reads HTTP/1.0 with transfer-encoding as chunked (RFC 9112 §6.1 lets it process the message); the plain path refuses it.
  const refusedByUndici = malformed.filter(([name]) => name !== 'HTTP/1.0 with transfer-encoding');
  it.each(refusedByUndici)('is down "protocol" on undici\'s path too (keepAlive), on %s (issue #14)', async (_name, bytes) => {
    const result = await probe(spec(await rawServer([bytes]), { bodyContains: 'ok' }, { keepAlive: true }), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'protocol' } });
  });

  it('is down "network" when the server closes before any answer, or in the middle of the headers', async () => {
    for (const steps of [['close'], ['HTTP/1.1 200 OK\r\ncontent-le', 'close'], ['HTTP/1.1 200 OK\r\n']] as Step[][]) {
      const result = await probe(spec(await rawServer(steps)), probeContext(2_000));
      expect(result).toMatchObject({ state: 'down', failure: { kind: 'network' } });
      expect(result.failure?.message).toMatch(/^(UND_ERR_SOCKET: other side closed before the response headers|ECONNRESET)/);
      expect(result.httpStatus).toBeUndefined();
    }
  });

  it('is down "network" when the body it checks is cut short, with the status it had', async () => {
    for (const bytes of ['HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nok', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nok']) {
      const result = await probe(spec(await rawServer([bytes]), { bodyContains: 'ok' }), probeContext(2_000));
      expect(result).toMatchObject({ state: 'down', httpStatus: 200, failure: { kind: 'network', message: 'UND_ERR_SOCKET: other side closed before the response was complete' } });
    }
  });

  it('is up on the status when a body it does not check is cut short (as undici drains it)', async () => {
    expect(await probe(spec(await rawServer(['HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nok'])), probeContext(2_000))).toMatchObject({ state: 'up', httpStatus: 200 });
  });

  it('is down "timeout" promptly when the server hangs before the headers or in the body', async () => {
    for (const [steps, status] of [[['HTTP/1.1 200 OK\r\n', 'hang'], undefined], [['HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nok', 'hang'], 200]] as const) {
      const started = performance.now();
      const result = await probe(spec(await rawServer([...steps]), { bodyContains: 'ok' }, { timeoutMs: 300 }), probeContext(300));
      expect(result).toMatchObject({ state: 'down', failure: { kind: 'timeout' } });
      expect(result.httpStatus).toBe(status);
      expect(result.timings?.connectMs).toBeGreaterThan(0);
      expect(performance.now() - started).toBeLessThan(400);
    }
  });

  it('is down "timeout" at once when the deadline has already passed', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    const result = await probe(spec(await rawServer([ok('ok')])), { signal: controller.signal, now: Date.now, monotonic: () => performance.now() });
    expect(result).toMatchObject({ state: 'down', failure: { kind: 'timeout', message: 'deadline' } });
  });

  it('is down "refused" on a closed port, and "dns" on a name that does not resolve', async () => {
    expect(await probe(spec(`http://127.0.0.1:${await closedPort()}/`), probeContext(2_000))).toMatchObject({ state: 'down', failure: { kind: 'refused' } });
    expect(await probe(spec('http://no-such-host.invalid/'), probeContext(2_000))).toMatchObject({ state: 'down', failure: { kind: 'dns' } });
  });

  it('resolves a host name (localhost) like undici does', async () => {
    const target = (await rawServer([ok('ok')])).replace('127.0.0.1', 'localhost');
    expect(await probe(spec(target), probeContext(2_000))).toMatchObject({ state: 'up', httpStatus: 200 });
  });
});
