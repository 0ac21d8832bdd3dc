// The built status site mounted in a real Hono app behind a real loopback
// server, with the public API answered by a stand-in route (the pages are
// under test here; test/status-pages.test.ts runs them on the real daemon).
// Needs status-site/dist: `pnpm test` builds it first; without it
// mountStatusSite fails with the command to run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { OverviewResponse } from '@sla/shared/public-api/index.ts';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listenShared } from './listen.ts';
import { nodeListener } from './node-listener.ts';
import { mountStatusSite, type StatusSiteLogger } from './status-site.ts';
import { testClock } from '../testing/clock.ts';

const days = ['2026-11-23', '2026-11-24', '2026-11-25'];
const overview: OverviewResponse = {
  generatedAt: '2026-11-25T03:00:00.000Z',
  timeZone: 'Asia/Ho_Chi_Minh',
  days,
  components: [
    {
      id: 'checkout-api',
      name: 'Checkout API',
      group: 'Payments',
      tier: 'core',
      description: null,
      status: 'operational',
      uptime: { '24h': 1, '7d': 1, '30d': 0.9995, '90d': 0.9999 },
      bar: { states: ['operational', 'major_outage', 'operational'], uptime: [1, 0.95, 1] },
    },
    {
      id: 'report-export',
      name: 'Report export',
      group: null,
      tier: 'feature',
      description: 'CSV and PDF exports',
      status: 'partial_outage',
      uptime: { '24h': 0.9, '7d': null, '30d': null, '90d': null },
      bar: { states: ['no_data', 'maintenance', 'partial_outage'], uptime: [null, 1, 0.9] },
    },
  ],
  incidents: [],
  maintenance: { active: [], upcoming: [] },
  forceMajeure: [],
};

interface Site {
  baseUrl: string;
  logged: unknown[][];
  overviewCalls: () => number;
  /** Requests answered from memory before Hono (answerFromMemory). */
  fromMemory: () => number;
  close: () => Promise<void>;
}

// The pages render in a worker thread that reads the API through this app.

async function startSite(answer: () => Response, now?: () => number): Promise<Site> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  let calls = 0;
  app.get('/api/v1/public/overview', () => {
    calls++;
    return answer();
  });
  const logged: unknown[][] = [];
  const logger: StatusSiteLogger = { error: (...args) => logged.push(args) };
  const mounted = await mountStatusSite(app, { logger, now });

  let fromMemory = 0;
  // Composed as the daemon does (daemon.ts): the fast path in front of Hono, on the shared listening sockets.
  const before: typeof mounted.answerFromMemory = (req, res) => mounted.answerFromMemory(req, res) && ++fromMemory > 0;
  const listening = await listenShared(nodeListener(app.fetch, { before }), 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${listening.address.port}`,
    logged,
    overviewCalls: () => calls,
    fromMemory: () => fromMemory,
    close: async () => {
      await listening.close();
      await mounted.close();
    },
  };
}

/** Each thread of this process and its nice value (field 19 of /proc/self/task/TID/stat). */
function threadNices(): Map<number, number> {
  return new Map(
    readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // The name (field 2) is in parentheses and may hold spaces: count from after it.
      return [Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    }),
  );
}

const english = { 'accept-language': 'en-GB,en;q=0.9' };

describe('status site mounted in the daemon', () => {
  let site: Site;
  const clock = testClock();
  beforeAll(async () => {
    site = await startSite(() => Response.json(overview), clock.now);
  });
  afterAll(() => site.close());

  it('renders the front page: components, their 90-day bars and uptime, and how outages are measured', async () => {
    const response = await fetch(`${site.baseUrl}/`, { headers: english });
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('<title>Service status</title>');
    expect(html).toMatch(/<h2 id="group-0">Payments/);
    expect(html).toContain('Checkout API');
    expect(html).toContain('Partial outage');
    expect(html).toContain('title="24 Nov: Major outage, 95.00%"');
    expect(html).toContain('<span class="wide">Last 90 days: uptime 99.99%. Major outage: 1 day</span>');
    expect(html).toContain('first failed probe of the streak that confirmed');
    expect(html).toContain('first successful probe');
    // The one script is an external module that only enhances the page.
    expect(html).toMatch(/<script type="module" src="\/_astro\/[^"]+\.js"><\/script>/);
  });

  it.runIf(existsSync('/proc/self/task'))('renders in a thread at nice 10, below the thread that serves readers', async () => {
    await (await fetch(`${site.baseUrl}/`)).arrayBuffer();
    const nices = threadNices();
    expect(nices.get(process.pid)).toBe(0);
    expect([...nices.values()]).toContain(10);
  });

  it('speaks Vietnamese by default, and keeps the reader’s choice of language in a cookie', async () => {
    const vi = await (await fetch(`${site.baseUrl}/`)).text();
    expect(vi).toContain('<html lang="vi"');
    expect(vi).toContain('Trạng thái dịch vụ');
    expect(vi).toContain('Gián đoạn một phần');

    const switched = await fetch(`${site.baseUrl}/?lang=en`);
    expect(switched.headers.get('set-cookie')).toBe('lang=en; Path=/; Max-Age=31536000; SameSite=Lax');
    expect(await switched.text()).toContain('<html lang="en"');
    const withCookie = await fetch(`${site.baseUrl}/`, { headers: { cookie: 'lang=en' } });
    expect(await withCookie.text()).toContain('<html lang="en"');
    expect(withCookie.headers.get('vary')).toContain('Accept-Language');
  });

  it('renders each variant at most once a second, however many readers ask at once', async () => {
    // A variant no test asked for yet (its own time zone), so the crowd needs exactly one render
    // whatever the earlier renders cost (a slow one spaces re-renders further apart).
    const before = site.overviewCalls();
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 50 }, () => fetch(`${site.baseUrl}/?tz=Asia/Tokyo&utm_source=crowd`, { headers: { 'accept-language': 'vi' } })));
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    const seconds = (performance.now() - started) / 1000;
    expect(responses.every((r) => r.status === 200)).toBe(true);
    // One render for the crowd; on a slow machine, one more for each second the crowd took.
    const renders = site.overviewCalls() - before;
    expect(renders).toBeGreaterThanOrEqual(1);
    expect(renders).toBeLessThanOrEqual(1 + Math.floor(seconds));
  });

  it('answers with ETag, Last-Modified and Cache-Control, and 304 to a reader whose copy is current', async () => {
    const first = await fetch(`${site.baseUrl}/`, { headers: english });
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=1');
    expect(Date.parse(first.headers.get('last-modified')!)).toBeGreaterThan(0);

    const again = await fetch(`${site.baseUrl}/`, { headers: { ...english, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    const since = await fetch(`${site.baseUrl}/`, { headers: { ...english, 'if-modified-since': first.headers.get('last-modified')! } });
    expect(since.status).toBe(304);
  });

  it('sends the page gzipped to a reader that accepts it', async () => {
    const plain = await (await fetch(`${site.baseUrl}/`, { headers: { ...english, 'accept-encoding': 'identity' } })).text();
    // fetch() decodes gzip itself; ask node:http for the raw bytes.
    const raw = await new Promise<{ encoding: string | undefined; bytes: number }>((resolve, reject) => {
      request(`${site.baseUrl}/`, { headers: { ...english, 'accept-encoding': 'gzip, br' } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes }));
      })
        .on('error', reject)
        .end();
    });
    expect(raw.encoding).toBe('gzip');
    expect(raw.bytes).toBeLessThan(Buffer.byteLength(plain));
  });

  it('serves the stylesheet and script Astro emitted from dist/client, cacheable for good', async () => {
    const html = await (await fetch(`${site.baseUrl}/`)).text();
    const href = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    const src = /<script type="module" src="(\/_astro\/[^"]+\.js)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    expect(src).toBeDefined();

    const css = await fetch(`${site.baseUrl}${href}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toMatch(/prefers-color-scheme: ?dark/);
    const js = await fetch(`${site.baseUrl}${src}`);
    expect(js.status).toBe(200);
    expect(await js.text()).toContain('sla:refresh');
  });

  it('answers an unknown path with the 404 page, in the reader’s language', async () => {
    const response = await fetch(`${site.baseUrl}/no-such-page`, { headers: english });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page not found');
    expect(await (await fetch(`${site.baseUrl}/no-such-page`)).text()).toContain('Không tìm thấy trang');
  });

  it('answers HEAD with the page’s status and headers, writing each response once', async () => {
    // Hono sends HEAD responses itself; a second write shows up as ERR_HTTP_HEADERS_SENT on console.error.
    const consoleError = vi.spyOn(console, 'error');
    try {
      const page = await fetch(`${site.baseUrl}/`, { method: 'HEAD' });
      const missing = await fetch(`${site.baseUrl}/no-such-page`, { method: 'HEAD' });

      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('etag')).toMatch(/^"/);
      expect(missing.status).toBe(404);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it('answers anything but GET and HEAD with 405: the pages are read-only', async () => {
    const response = await fetch(`${site.baseUrl}/`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('leaves routes registered before it alone', async () => {
    const response = await fetch(`${site.baseUrl}/api/v1/public/overview`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(overview);
  });
});

describe('status site answering from memory', () => {
  // The clock stands still: every page stays fresh however slow the machine.
  let frozen: Site;
  beforeAll(async () => {
    frozen = await startSite(() => Response.json(overview), () => Date.parse('2026-11-25T03:00:00Z'));
  });
  afterAll(() => frozen.close());

  it('answers a fresh page from memory before Hono, with the same status, headers and body Hono’s path gave', async () => {
    const url = `${frozen.baseUrl}/?fast=1`;
    const headersOf = (r: Response) => Object.fromEntries([...r.headers].filter(([name]) => name !== 'date'));
    const viaHono = await fetch(url, { headers: english });
    const honoBody = await viaHono.text();
    const before = frozen.fromMemory();
    const fromMemory = await fetch(url, { headers: english });
    expect(frozen.fromMemory()).toBe(before + 1);
    expect([fromMemory.status, headersOf(fromMemory), await fromMemory.text()]).toEqual([viaHono.status, headersOf(viaHono), honoBody]);
    const current = await fetch(url, { headers: { ...english, 'if-none-match': viaHono.headers.get('etag')! } });
    expect([current.status, frozen.fromMemory()]).toEqual([304, before + 2]);

    // Only GETs of variants the pages answered before: HEAD, another language, an asset path or an API route go through Hono.
    await fetch(url, { method: 'HEAD', headers: english });
    await (await fetch(url, { headers: { 'accept-language': 'vi' } })).text();
    await (await fetch(`${frozen.baseUrl}/missing.png`, { headers: english })).text();
    await (await fetch(`${frozen.baseUrl}/api/v1/public/overview`)).text();
    expect(frozen.fromMemory()).toBe(before + 2);
  });
});

describe('status site when the read fails', () => {
  let site: Site;
  let failing = true;
  beforeAll(async () => {
    site = await startSite(() => (failing ? Response.json({ error: 'database down' }, { status: 500 }) : Response.json(overview)));
  });
  afterAll(() => site.close());

  it('still renders the page, says status is unavailable, answers 503 and logs why', async () => {
    const response = await fetch(`${site.baseUrl}/`, { headers: english });
    const html = await response.text();

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('Status unavailable');
    expect(html).toContain('How we measure');
    expect(html).not.toContain('database down');
    expect(site.logged).toHaveLength(1);
    expect(String(site.logged[0]?.[1])).toContain('/api/v1/public/overview?tz=Asia%2FHo_Chi_Minh: HTTP 500');
  });

  it('never keeps a 5xx: the next reader gets a fresh render', async () => {
    failing = false;
    const response = await fetch(`${site.baseUrl}/`, { headers: english });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Checkout API');
  });
});
