// Issue #14: what an http monitor sends (method, body, headers, credentials)
// and the header it expects, on each of the prober's paths, asserted on what
// a real loopback server received. And a server that echoes the credentials
// back never gets them into a failure message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcherPool } from './http-dispatchers.ts';
import { planPlain } from './http-plain.ts';
import { createHttpProber } from './http.ts';
import { REDACTED } from './redact.ts';
import { createCertificate } from './testing/certificates.ts';
import { httpSpec } from './testing/http-spec.ts';
import { probeContext } from './testing/loopback.ts';
import { recordingServer, type Received, type Recorder } from './testing/recorder.ts';
import type { HttpSpec } from './types.ts';

const PATHS = [
  ['plain', { secure: false, keepAlive: false }],
  ['undici (keepAlive)', { secure: false, keepAlive: true }],
  ['undici (https)', { secure: true, keepAlive: false }],
] as const;

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`, 'utf8').toString('base64');

function answer(request: Received, response: import('node:http').ServerResponse): void {
  if (request.url === '/echo') {
    // What a careless (or hostile) server does: hand the credentials back.
    const auth = request.headers.authorization ?? '';
    const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
    response.writeHead(200, { 'content-type': 'application/json', 'x-echo': auth }).end(JSON.stringify({ auth, decoded }));
    return;
  }
  response.setHeader('x-many', ['a', 'b']);
  response.writeHead(200, { etag: '"v1"', 'content-type': 'text/plain; charset=utf-8' }).end('ok');
}

describe.each(PATHS)('HTTP prober, %s path: the request it sends and the header it expects', (name, path) => {
  const pool = createDispatcherPool();
  const probe = createHttpProber(pool);
  let server: Recorder;
  beforeAll(async () => {
    server = await recordingServer(answer, path.secure ? await createCertificate({ notAfterDays: 30 }) : undefined);
  });
  afterAll(async () => {
    await pool.close();
    await server.close();
  });

  const spec = (url: string, extra: Partial<HttpSpec> = {}, expect: Partial<HttpSpec['expect']> = {}) =>
    httpSpec(`${server.base}${url}`, expect, { keepAlive: path.keepAlive, tlsInsecure: path.secure, ...extra });
  const last = () => server.received.at(-1)!;

  it('takes the path it is named after', () => {
    expect(planPlain(spec('/')) !== undefined).toBe(name === 'plain');
  });

  it('sends the method, body, headers and Basic credentials', async () => {
    const sent = spec('/submit?x=1', { method: 'POST', body: '{"probe":"é"}', headers: { 'Content-Type': 'application/json', 'X-Probe': 'sla' }, authorization: `Basic ${basic('probe', 'hunter2')}` });
    expect(await probe(sent, probeContext(2_000))).toMatchObject({ state: 'up', httpStatus: 200 });
    expect(last()).toMatchObject({
      method: 'POST',
      url: '/submit?x=1',
      body: '{"probe":"é"}',
      headers: { 'content-type': 'application/json', 'x-probe': 'sla', authorization: `Basic ${basic('probe', 'hunter2')}`, 'content-length': String(Buffer.byteLength('{"probe":"é"}')), 'user-agent': 'sla-ledger-prober' },
    });
  });

  it('sends a Bearer token', async () => {
    await probe(spec('/me', { authorization: 'Bearer t0ken.abc' }), probeContext(2_000));
    expect(last()).toMatchObject({ method: 'GET', url: '/me', headers: { authorization: 'Bearer t0ken.abc' } });
  });

  it.each(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const)('sends %s, with content-length 0 only where a body is expected', async (method) => {
    expect(await probe(spec('/m', { method }), probeContext(2_000))).toMatchObject({ state: 'up', httpStatus: 200 });
    expect(last().method).toBe(method);
    expect(last().headers['content-length']).toBe(['POST', 'PUT', 'PATCH'].includes(method) ? '0' : undefined);
    expect(last().body).toBe('');
  });

  it('sends the monitor\'s User-Agent and Host instead of its own, once each', async () => {
    await probe(spec('/', { headers: { 'User-Agent': 'custom/1', Host: 'status.example.test' } }), probeContext(2_000));
    const names = last().rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(last().headers).toMatchObject({ 'user-agent': 'custom/1', host: 'status.example.test' });
    expect(names.filter((n) => n === 'user-agent')).toHaveLength(1);
    expect(names.filter((n) => n === 'host')).toHaveLength(1);
  });

  it.each<[string, NonNullable<HttpSpec['expect']['header']>, string | undefined]>([
    ['present', { name: 'ETag' }, undefined],
    ['equal', { name: 'etag', equals: '"v1"' }, undefined],
    ['containing', { name: 'content-type', contains: 'text/plain' }, undefined],
    ['repeated, joined as one list', { name: 'x-many', equals: 'a, b' }, undefined],
    ['missing', { name: 'x-nope' }, 'no x-nope header'],
    ['different', { name: 'etag', equals: 'v2' }, `header etag is '"v1"', expected 'v2'`],
    ['without the text', { name: 'content-type', contains: 'json' }, "header content-type is 'text/plain; charset=utf-8', which does not contain 'json'"],
  ])('checks an expected header: %s', async (_case, header, message) => {
    const result = await probe(spec('/', {}, { header }), probeContext(2_000));
    if (message === undefined) expect(result).toMatchObject({ state: 'up', httpStatus: 200 });
    else expect(result).toMatchObject({ state: 'down', httpStatus: 200, failure: { kind: 'body', message } });
  });

  it('checks the header before the body', async () => {
    const result = await probe(spec('/', {}, { header: { name: 'x-nope' }, bodyContains: 'missing too' }), probeContext(2_000));
    expect(result.failure).toEqual({ kind: 'body', message: 'no x-nope header' });
  });

  describe('a server that echoes the credentials', () => {
    // A token with what JSON escapes, so that its escaped form is redacted too.
    const token = 'tok"en\\secret-123';
    const bearer = () => spec('/echo', { authorization: `Bearer ${token}`, secrets: [token] });
    const password = 'hunter2-pw';
    const basicSpec = () => spec('/echo', { authorization: `Basic ${basic('probe', password)}`, secrets: [password, basic('probe', password)] });

    it.each([
      ['a header', { header: { name: 'x-echo', equals: 'nope' } }],
      ['a JSON value', { jsonPath: { path: '$.auth', equals: 'nope' } }],
    ] as const)('never puts a Bearer token in a failure message, quoted from %s', async (_where, expectation) => {
      const result = await probe({ ...bearer(), expect: { status: ['2xx'], ...expectation } }, probeContext(2_000));
      expect(last().headers.authorization).toBe(`Bearer ${token}`);
      expect(result).toMatchObject({ state: 'down', failure: { kind: 'body' } });
      expect(result.failure?.message).toContain(`Bearer ${REDACTED}`);
      expect(result.failure?.message).not.toContain('secret-123');
    });

    it('never puts a Basic password, nor its encoding, in a failure message', async () => {
      for (const expectation of [{ header: { name: 'x-echo', equals: 'nope' } }, { jsonPath: { path: '$.decoded', equals: 'nope' } }]) {
        const result = await probe({ ...basicSpec(), expect: { status: ['2xx'], ...expectation } }, probeContext(2_000));
        expect(result.state).toBe('down');
        expect(result.failure?.message).toMatch(/\[redacted\]/);
        expect(result.failure?.message).not.toContain(password);
        expect(result.failure?.message).not.toContain(basic('probe', password));
      }
    });
  });
});
