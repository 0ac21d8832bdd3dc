// Issue #14: redirects, off by default (a 3xx is the answer, as before), and
// when followed: the rules as a table, then real chains on loopback servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcherPool } from './http-dispatchers.ts';
import { firstRequest, type HttpRequest } from './http-request.ts';
import { MAX_REDIRECTS, redirect } from './http-redirect.ts';
import { createHttpProber } from './http.ts';
import { createCertificate } from './testing/certificates.ts';
import { httpSpec } from './testing/http-spec.ts';
import { probeContext } from './testing/loopback.ts';
import { recordingServer, type Recorder } from './testing/recorder.ts';

const post: HttpRequest = {
  url: new URL('http://a.test/form?x=1'),
  method: 'POST',
  headers: [['user-agent', 'p'], ['Content-Type', 'application/json'], ['X-Probe', '1'], ['Host', 'a.test'], ['authorization', 'Bearer t']],
  body: Buffer.from('{}'),
};
const names = (r: ReturnType<typeof redirect>) => (r !== undefined && 'request' in r ? r.request.headers.map(([n]) => n) : undefined);

describe('redirect(): where a response leads', () => {
  it.each([200, 300, 304, 305, 404])('a %i is the answer', (status) => {
    expect(redirect(post, status, '/elsewhere', [post.url.href])).toBeUndefined();
  });

  it('a redirect without a Location is the answer', () => {
    expect(redirect(post, 302, undefined, [post.url.href])).toBeUndefined();
  });

  it('resolves a relative Location and drops a fragment and credentials', () => {
    const next = redirect(post, 307, 'http://u:p@a.test/next#frag', [post.url.href]);
    expect(next !== undefined && 'request' in next && next.request.url.href).toBe('http://a.test/next');
    const relative = redirect(post, 308, '../up?y=2', [post.url.href]);
    expect(relative !== undefined && 'request' in relative && relative.request.url.href).toBe('http://a.test/up?y=2');
  });

  it('repeats the request on 307 and 308: method, body and headers', () => {
    for (const status of [307, 308]) {
      expect(redirect(post, status, '/b', [post.url.href])).toMatchObject({ request: { method: 'POST', body: post.body } });
      expect(names(redirect(post, status, '/b', [post.url.href]))).toEqual(['user-agent', 'Content-Type', 'X-Probe', 'Host', 'authorization']);
    }
  });

  it('turns POST into GET on 301, 302 and 303, without the body or the headers that describe it', () => {
    for (const status of [301, 302, 303]) {
      const next = redirect(post, status, '/b', [post.url.href]);
      expect(next).toMatchObject({ request: { method: 'GET' } });
      expect(next !== undefined && 'request' in next && next.request.body).toBeUndefined();
      expect(names(next)).toEqual(['user-agent', 'X-Probe', 'Host', 'authorization']);
    }
  });

  it('keeps PUT on 301 and HEAD on 303; turns PUT into GET on 303', () => {
    expect(redirect({ ...post, method: 'PUT' }, 301, '/b', [post.url.href])).toMatchObject({ request: { method: 'PUT', body: post.body } });
    expect(redirect({ ...post, method: 'HEAD', headers: [] }, 303, '/b', [post.url.href])).toMatchObject({ request: { method: 'HEAD' } });
    expect(redirect({ ...post, method: 'PUT' }, 303, '/b', [post.url.href])).toMatchObject({ request: { method: 'GET' } });
  });

  it('drops the credentials and Host at another origin (scheme, host or port), keeps the rest', () => {
    for (const location of ['https://a.test/b', 'http://b.test/b', 'http://a.test:8080/b']) {
      expect(names(redirect(post, 307, location, [post.url.href]))).toEqual(['user-agent', 'Content-Type', 'X-Probe']);
    }
  });

  it.each([
    ['not a URL', 'http://[::1', 'protocol', 'redirect 302 to "http://[::1", which is not a URL'],
    ['not http(s)', 'ftp://a.test/file', 'protocol', 'redirect 302 to a ftp: URL, not http(s)'],
    ['back to where it was', '/form?x=1', 'status', 'redirect loop: 302 back to http://a.test/form?x=1 after 1 request'],
  ])('fails on a Location %s', (_case, location, kind, message) => {
    expect(redirect(post, 302, location, [post.url.href])).toEqual({ failure: { kind, message } });
  });

  it(`follows ${MAX_REDIRECTS} redirects and fails on the next`, () => {
    const visited = Array.from({ length: MAX_REDIRECTS }, (_, i) => `http://a.test/${i}`);
    expect(redirect(post, 302, '/next', visited)).toMatchObject({ request: { method: 'GET' } });
    expect(redirect(post, 302, '/next', [...visited, 'http://a.test/last'])).toEqual({
      failure: { kind: 'status', message: `more than ${MAX_REDIRECTS} redirects (the last a 302 to http://a.test/next)` },
    });
  });
});

describe('HTTP prober: following redirects', () => {
  const pool = createDispatcherPool();
  const probe = createHttpProber(pool);
  let other: Recorder; // another origin
  let secure: Recorder;
  let server: Recorder;
  beforeAll(async () => {
    other = await recordingServer((_r, response) => response.writeHead(200).end('other origin'));
    secure = await recordingServer((_r, response) => response.writeHead(200).end('secure'), await createCertificate({ notAfterDays: 30 }));
    server = await recordingServer((request, response) => {
      const url = new URL(request.url, 'http://x');
      const to = (status: number, location: string) => response.writeHead(status, { location }).end();
      if (url.pathname === '/moved') to(301, '/final');
      else if (url.pathname === '/chain') to(302, `/chain${Number(url.searchParams.get('n') ?? 0) + 1 > 3 ? '-end' : `?n=${Number(url.searchParams.get('n') ?? 0) + 1}`}`);
      else if (url.pathname === '/chain-end') response.writeHead(404).end();
      else if (url.pathname === '/loop-a') to(307, '/loop-b');
      else if (url.pathname === '/loop-b') to(307, '/loop-a');
      else if (url.pathname === '/endless') to(302, `/endless?n=${Number(url.searchParams.get('n') ?? 0) + 1}`);
      else if (url.pathname === '/see-other') to(303, '/final');
      else if (url.pathname === '/temporary') to(307, '/final');
      else if (url.pathname === '/away') to(302, `${other.base}/landing`);
      else if (url.pathname === '/to-https') to(302, `${secure.base}/landing`);
      else if (url.pathname === '/bad-location') to(302, 'http://[::1');
      else response.writeHead(200, { 'x-final': 'yes' }).end('final');
    });
  });
  afterAll(async () => {
    await pool.close();
    await Promise.all([server.close(), other.close(), secure.close()]);
  });
  const paths = [['plain', false], ['undici (keepAlive)', true]] as const;

  it.each(paths)('does not follow by default, on the %s path: a 301 is the answer', async (_name, keepAlive) => {
    const result = await probe(httpSpec(`${server.base}/moved`, { status: [301] }, { keepAlive }), probeContext(2_000));
    expect(result).toMatchObject({ state: 'up', httpStatus: 301 });
    expect(server.received.at(-1)?.url).toBe('/moved');
  });

  it.each(paths)('judges the final answer, on the %s path', async (_name, keepAlive) => {
    const spec = httpSpec(`${server.base}/chain`, { header: { name: 'x-final', equals: 'yes' } }, { keepAlive, followRedirects: true });
    const before = server.received.length;
    const result = await probe(spec, probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', httpStatus: 404, failure: { kind: 'status', message: 'status 404, expected 2xx' } });
    expect(server.received.slice(before).map((r) => r.url)).toEqual(['/chain', '/chain?n=1', '/chain?n=2', '/chain?n=3', '/chain-end']);
    const up = await probe({ ...spec, target: `${server.base}/moved` }, probeContext(2_000));
    expect(up).toMatchObject({ state: 'up', httpStatus: 200 });
    // Two new connections on the plain path; a kept-alive one was opened by the probe before.
    if (!keepAlive) expect(up.timings?.connectMs).toBeGreaterThan(0);
    expect(up.durationMs).toBeGreaterThanOrEqual(up.timings!.firstByteMs!);
  });

  it.each(paths)('fails "status" on a loop, and after too many redirects, on the %s path', async (_name, keepAlive) => {
    const loop = await probe(httpSpec(`${server.base}/loop-a`, {}, { keepAlive, followRedirects: true }), probeContext(2_000));
    expect(loop).toMatchObject({ state: 'down', httpStatus: 307, failure: { kind: 'status', message: `redirect loop: 307 back to ${server.base}/loop-a after 2 requests` } });
    const before = server.received.length;
    const endless = await probe(httpSpec(`${server.base}/endless`, {}, { keepAlive, followRedirects: true }), probeContext(2_000));
    expect(endless).toMatchObject({ state: 'down', httpStatus: 302, failure: { kind: 'status' } });
    expect(endless.failure?.message).toMatch(/^more than 10 redirects/);
    expect(server.received.length - before).toBe(MAX_REDIRECTS + 1);
  });

  it('fails "protocol" on a Location that is not a URL', async () => {
    const result = await probe(httpSpec(`${server.base}/bad-location`, {}, { followRedirects: true }), probeContext(2_000));
    expect(result).toMatchObject({ state: 'down', httpStatus: 302, failure: { kind: 'protocol' } });
  });

  it('turns POST into GET on 303 and repeats it on 307, as received', async () => {
    const spec = httpSpec(`${server.base}/see-other`, {}, { method: 'POST', body: 'payload', headers: { 'Content-Type': 'text/plain' }, followRedirects: true });
    await probe(spec, probeContext(2_000));
    expect(server.received.at(-1)).toMatchObject({ method: 'GET', url: '/final', body: '' });
    expect(server.received.at(-1)?.headers['content-type']).toBeUndefined();
    await probe({ ...spec, target: `${server.base}/temporary` }, probeContext(2_000));
    expect(server.received.at(-1)).toMatchObject({ method: 'POST', url: '/final', body: 'payload', headers: { 'content-type': 'text/plain' } });
  });

  it('does not send the credentials to another origin', async () => {
    const spec = httpSpec(`${server.base}/away`, {}, { authorization: 'Bearer for-the-first-origin', headers: { 'X-Probe': '1' }, followRedirects: true });
    expect(await probe(spec, probeContext(2_000))).toMatchObject({ state: 'up', httpStatus: 200 });
    expect(server.received.at(-1)?.headers.authorization).toBe('Bearer for-the-first-origin');
    expect(other.received.at(-1)?.url).toBe('/landing');
    expect(other.received.at(-1)?.headers.authorization).toBeUndefined();
    expect(other.received.at(-1)?.headers['x-probe']).toBe('1');
  });

  it('goes from the plain path to undici when a redirect leads to https, reporting its certificate', async () => {
    const spec = httpSpec(`${server.base}/to-https`, {}, { followRedirects: true, tlsInsecure: true });
    const result = await probe(spec, probeContext(2_000));
    expect(result).toMatchObject({ state: 'up', httpStatus: 200 });
    expect(result.tlsNotAfter).toBeGreaterThan(Date.now());
    expect(result.timings?.tlsMs).toBeGreaterThan(0);
    expect(secure.received.at(-1)?.url).toBe('/landing');
  });

  it('starts from the same first request every probe', () => {
    const spec = httpSpec(`${server.base}/x`, {}, { followRedirects: true });
    expect(firstRequest(spec)).toBe(firstRequest(spec));
  });
});
