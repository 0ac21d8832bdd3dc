import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { answer, createPageCache, type CacheEntry, type Rendered } from './page-cache.ts';

function clock(start = Date.parse('2026-11-25T03:00:00Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

/** A render that counts its calls, answers `status` with `body`, and can be held until released. */
function renderer(initial = 'v1') {
  let calls = 0;
  let body = initial;
  let status = 200;
  let gate: Promise<void> | undefined;
  let open = () => {};
  return {
    calls: () => calls,
    set: (b: string, s = 200) => { body = b; status = s; },
    hold: () => { gate = new Promise((r) => (open = r)); },
    release: () => open(),
    render: async (): Promise<Rendered> => {
      calls++;
      if (gate !== undefined) await gate;
      gate = undefined;
      return { status, headers: [['content-type', 'text/html; charset=utf-8']], body: Buffer.from(body) };
    },
  };
}

describe('createPageCache', () => {
  it('renders once for concurrent misses and serves that render until the TTL passes', async () => {
    const c = clock();
    const cache = createPageCache({ now: c.now });
    const r = renderer();
    const entries = await Promise.all(Array.from({ length: 100 }, () => cache.get('/', r.render)));
    expect(r.calls()).toBe(1);
    expect(new Set(entries).size).toBe(1);
    c.advance(999);
    await cache.get('/', r.render);
    expect(r.calls()).toBe(1);
    c.advance(1);
    await cache.get('/', r.render);
    expect(r.calls()).toBe(2);
  });

  it('renders a slow variant at most once per ten times its render time', async () => {
    const c = clock();
    const cache = createPageCache({ now: c.now });
    let calls = 0;
    // 300 ms of render on the cache's clock: fresh for 3 s, not 1 s.
    const slow = async (): Promise<Rendered> => {
      calls++;
      c.advance(300);
      return { status: 200, headers: [['content-type', 'text/html']], body: Buffer.from(`v${calls}`) };
    };
    await cache.get('/', slow);
    c.advance(2_999);
    expect((await cache.get('/', slow)).body.toString()).toBe('v1');
    expect(calls).toBe(1);
    c.advance(1);
    await cache.get('/', slow);
    expect(calls).toBe(2);
  });

  it('still renders a very slow variant at least every 10 s', async () => {
    const c = clock();
    const cache = createPageCache({ now: c.now });
    let calls = 0;
    const crawling = async (): Promise<Rendered> => {
      calls++;
      c.advance(5_000);
      return { status: 200, headers: [['content-type', 'text/html']], body: Buffer.from(`v${calls}`) };
    };
    await cache.get('/', crawling);
    c.advance(9_999);
    await cache.get('/', crawling);
    expect(calls).toBe(1);
    c.advance(1);
    await cache.get('/', crawling);
    expect(calls).toBe(2);
  });

  it('serves the stale render while the next one runs, then the new one', async () => {
    const c = clock();
    const cache = createPageCache({ now: c.now });
    const r = renderer();
    await cache.get('/', r.render);
    c.advance(1500);
    r.set('v2');
    r.hold();
    const during = await Promise.all([cache.get('/', r.render), cache.get('/', r.render)]);
    expect(during.map((e) => e.body.toString())).toEqual(['v1', 'v1']);
    expect(r.calls()).toBe(2);
    r.release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await cache.get('/', r.render)).body.toString()).toBe('v2');
    expect(r.calls()).toBe(2);
  });

  it('waits for a fresh render once the old one is past its stale time', async () => {
    const c = clock();
    const cache = createPageCache({ now: c.now, ttlMs: 1000, staleMs: 5000 });
    const r = renderer();
    await cache.get('/', r.render);
    c.advance(6001);
    r.set('v2');
    expect((await cache.get('/', r.render)).body.toString()).toBe('v2');
  });

  it('current answers at once what get would: fresh, stale (starting one render), or nothing to wait for', async () => {
    const c = clock();
    const cache = createPageCache({ now: c.now, ttlMs: 1000, staleMs: 5000 });
    const r = renderer();
    expect(cache.current('/', r.render)).toBeUndefined();
    expect(r.calls()).toBe(0); // a miss is get's to render, with a reader waiting for it
    await cache.get('/', r.render);

    c.advance(500);
    expect(cache.current('/', r.render)?.body.toString()).toBe('v1');
    expect(r.calls()).toBe(1);

    c.advance(1000);
    r.set('v2');
    r.hold();
    expect([cache.current('/', r.render), cache.current('/', r.render)].map((e) => e?.body.toString())).toEqual(['v1', 'v1']);
    expect(r.calls()).toBe(2); // one render for both stale readers
    r.release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cache.current('/', r.render)?.body.toString()).toBe('v2');

    c.advance(6001);
    expect(cache.current('/', r.render)).toBeUndefined();
  });

  it('a stale reader survives a failed render, and the next reader tries again', async () => {
    const c = clock();
    const cache = createPageCache({ now: c.now, ttlMs: 1000 });
    const r = renderer();
    await cache.get('/', r.render);
    c.advance(1500);
    let failures = 0;
    const failing = async (): Promise<Rendered> => {
      failures++;
      throw new Error('renderer down');
    };
    expect(cache.current('/', failing)?.body.toString()).toBe('v1');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cache.current('/', failing)?.body.toString()).toBe('v1');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(failures).toBe(2);
  });

  it('keeps the gzipped body a render brings (the renderer thread gzips its pages), and gzips the others itself', async () => {
    const cache = createPageCache({ now: clock().now });
    const html = '<p>status</p>'.repeat(200);
    const brought = gzipSync(html, { level: 1 });
    const page = await cache.get('/', async () => ({ status: 200, headers: [['content-type', 'text/html']], body: Buffer.from(html), gzipped: brought }));
    expect(page.gzipped?.equals(brought)).toBe(true);
    const feed = await cache.get('/feed', async () => ({ status: 200, headers: [['content-type', 'application/atom+xml']], body: Buffer.from(html) }));
    expect(gunzipSync(feed.gzipped!).toString()).toBe(html);
  });

  it('reports each render’s wall time and outcome: a throw or a 5xx page is a failure', async () => {
    const c = clock();
    const renders: Array<[number, boolean]> = [];
    const cache = createPageCache({ now: c.now, onRender: (seconds, ok) => void renders.push([seconds, ok]) });
    await cache.get('/', async () => {
      c.advance(1_500);
      return { status: 200, headers: [['content-type', 'text/plain']], body: Buffer.from('ok') };
    });
    await expect(
      cache.get('/broken', async () => {
        c.advance(250);
        throw new Error('renderer down');
      }),
    ).rejects.toThrow('renderer down');
    await cache.get('/unavailable', async () => ({ status: 503, headers: [['content-type', 'text/html']], body: Buffer.from('status unavailable') }));
    expect(renders).toEqual([
      [1.5, true],
      [0.25, false],
      [0, false],
    ]);
  });

  it('never keeps a 5xx or a no-store answer', async () => {
    const cache = createPageCache({ now: clock().now });
    const r = renderer();
    r.set('down', 503);
    expect((await cache.get('/', r.render)).status).toBe(503);
    expect((await cache.get('/', r.render)).headers).toContainEqual(['cache-control', 'no-store']);
    expect(r.calls()).toBe(2);
    expect(cache.size()).toBe(0);
    const privateOne = async (): Promise<Rendered> => ({ status: 200, headers: [['cache-control', 'no-store']], body: Buffer.from('x') });
    await cache.get('/p', privateOne);
    expect(cache.size()).toBe(0);
  });

  it('keeps Last-Modified while the body does not change, and moves it when it does', async () => {
    const c = clock();
    const cache = createPageCache({ now: c.now });
    const r = renderer();
    const first = await cache.get('/', r.render);
    c.advance(60_000);
    const same = await cache.get('/', r.render).then(() => new Promise<CacheEntry>((resolve) => setTimeout(async () => resolve(await cache.get('/', r.render)), 5)));
    expect(same.etag).toBe(first.etag);
    expect(same.lastModified).toBe(first.lastModified);
    c.advance(60_000);
    r.set('v2');
    await cache.get('/', r.render);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const changed = await cache.get('/', r.render);
    expect(changed.etag).not.toBe(first.etag);
    expect(Date.parse(changed.lastModified) - Date.parse(first.lastModified)).toBe(120_000);
  });

  it('forgets the least recently rendered variant beyond maxEntries', async () => {
    const cache = createPageCache({ now: clock().now, maxEntries: 2 });
    const r = renderer();
    for (const key of ['/a', '/b', '/c']) await cache.get(key, r.render);
    expect(cache.size()).toBe(2);
    await cache.get('/b', r.render);
    expect(r.calls()).toBe(3);
    await cache.get('/a', r.render);
    expect(r.calls()).toBe(4);
  });
});

describe('answer', () => {
  const entryFor = async (body: string) => createPageCache({ now: clock().now }).get('/', async () => ({ status: 200, headers: [['content-type', 'text/html']], body: Buffer.from(body) }));
  const req = (h: Partial<{ ifNoneMatch: string; ifModifiedSince: string; acceptEncoding: string }> = {}, method = 'GET') => ({
    method,
    ifNoneMatch: h.ifNoneMatch,
    ifModifiedSince: h.ifModifiedSince,
    acceptEncoding: h.acceptEncoding,
  });

  it.each([
    { name: 'the same ETag', h: (e: CacheEntry) => ({ ifNoneMatch: e.etag }), status: 304 },
    { name: 'one of a list, weak', h: (e: CacheEntry) => ({ ifNoneMatch: `"old", W/${e.etag}` }), status: 304 },
    { name: '*', h: () => ({ ifNoneMatch: '*' }), status: 304 },
    { name: 'another ETag', h: () => ({ ifNoneMatch: '"other"' }), status: 200 },
    { name: 'If-Modified-Since at Last-Modified', h: (e: CacheEntry) => ({ ifModifiedSince: e.lastModified }), status: 304 },
    { name: 'If-Modified-Since before it', h: () => ({ ifModifiedSince: 'Mon, 01 Jan 2001 00:00:00 GMT' }), status: 200 },
    { name: 'If-None-Match wins over If-Modified-Since', h: (e: CacheEntry) => ({ ifNoneMatch: '"other"', ifModifiedSince: e.lastModified }), status: 200 },
  ])('$name → $status', async ({ h, status }) => {
    const entry = await entryFor('<p>hello</p>');
    const a = answer(entry, req(h(entry)));
    expect(a.status).toBe(status);
    expect(a.headers.etag).toBe(entry.etag);
    expect(a.body === undefined).toBe(status === 304);
  });

  it('gzips bodies of 1 KiB and more for readers that accept gzip, unless they refuse it with q=0', async () => {
    const entry = await entryFor('<p>status</p>'.repeat(200));
    const zipped = answer(entry, req({ acceptEncoding: 'br, gzip;q=0.8' }));
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(zipped.body!).toString()).toBe(entry.body.toString());
    expect(answer(entry, req({ acceptEncoding: 'gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    expect(answer(entry, req()).body?.byteLength).toBe(entry.body.byteLength);
    expect(answer(await entryFor('tiny'), req({ acceptEncoding: 'gzip' })).headers['content-encoding']).toBeUndefined();
  });

  it('answers HEAD with the headers and no body', async () => {
    const entry = await entryFor('<p>hello</p>');
    const a = answer(entry, req({}, 'HEAD'));
    expect(a.status).toBe(200);
    expect(a.body).toBeUndefined();
    expect(a.headers['content-length']).toBe(String(entry.body.byteLength));
  });
});
