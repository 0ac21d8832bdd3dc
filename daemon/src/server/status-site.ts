// Mounts the built Astro status site (status-site/) into the daemon's Hono
// server as its catch-all: static files from dist/client, then the pages,
// each variant (path + language + time zone) rendered at most once a second
// into memory and served from there (page-cache.ts). Register it after every
// other route.
//
// Pages are rendered in a worker thread (status-site-renderer.ts), so
// a render — parsing the API's JSON, Astro, thousands of bar cells, the
// garbage they leave — never stops the event loop that serves the crowd. The
// worker reads the public API through this thread's app, as outside clients
// would, because the database lives here.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { PAGED_LISTS, pageRequest } from '@sla/shared/status/variant.ts';
import { buildCommand, clientDir, serverEntry } from './status-site-build.ts';
import { answer, createPageCache, serveCached, writeAnswer, type PageCache, type Rendered } from './page-cache.ts';
import type { StatusPageIdentity } from '@sla/shared/config/status-page.ts';
import type { FromRenderer, StatusSiteLogger, ToRenderer } from './status-site-renderer.ts';

export type { StatusSiteLogger };

export interface MountStatusSiteOptions {
  /** Receives failed reads behind "status unavailable", renderer failures and every unhandled rejection. Default: console. */
  logger?: StatusSiteLogger;
  /** Epoch ms, for the page cache's ages and Last-Modified. Default: Date.now. */
  now?: () => number;
  /** Each page render's wall time and outcome (the daemon's sla_status_page_render_duration_seconds). */
  onRender?: (seconds: number, ok: boolean) => void;
  /** The config's `statusPage` (issue #19), read at each render so a reload shows. Default: none. */
  identity?: () => StatusPageIdentity;
  /** Whether the config offers e-mail subscriptions (issue #15: the front page's form), read at each render. Default: no. */
  subscriptions?: () => boolean;
}

export class StatusSiteNotBuiltError extends Error {
  override name = 'StatusSiteNotBuiltError';
}

// Hashed names under /_astro/ change whenever the content does.
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
const ASSET_PATH = /^\/_astro\/|\.[a-z0-9]+$/i;

export interface MountedStatusSite {
  cache: PageCache;
  /**
   * Issue #5 (p99 under a crowd): answers a GET for a page variant that is
   * in memory (fresh, or stale while re-rendered) straight from Node's request, before Hono builds a
   * Request and routes it. Only variants the pages' catch-all has answered
   * before qualify, so the answer is the one Hono would route to; anything
   * else returns false and goes to Hono. Put it in front of the app's listener.
   */
  answerFromMemory: (req: IncomingMessage, res: ServerResponse) => boolean;
  close: () => Promise<void>;
}

export async function mountStatusSite(app: Hono<{ Bindings: HttpBindings }>, opts: MountStatusSiteOptions = {}): Promise<MountedStatusSite> {
  const logger = opts.logger ?? console;
  assertBuilt();
  // Started by the first page request: a daemon nobody reads pages from (the
  // tests of the API, an API-only deployment) never pays for loading Astro.
  const renderer = startRenderer(app, logger, opts.identity ?? (() => ({})), opts.subscriptions ?? (() => false));
  const now = opts.now ?? Date.now;
  const cache = createPageCache({ now, onRender: opts.onRender });
  const pageCounts = pageCountReader(app, now);

  const assets = serveStatic({
    root: fileURLToPath(clientDir),
    onFound: (_path, c) => {
      if (c.req.path.startsWith('/_astro/')) c.header('Cache-Control', IMMUTABLE_CACHE);
    },
  });
  // Only paths that can be files (Astro's /_astro/*, anything with an extension)
  // look on disk: a stat per page request is a syscall per reader under a crowd.
  app.use('*', (c, next) => (ASSET_PATH.test(c.req.path) ? assets(c, next) : next()));
  // Variants (request target, cookie, Accept-Language) the catch-all below has
  // answered, and the page each asks for. The target is the path and query
  // only: the Host plays no part in a page (issue #12).
  const variants = memoized((variant: string) => {
    const [target, cookie, acceptLanguage] = variant.split('\n');
    const page = pageRequest(new URL(target!, 'http://status.invalid'), { cookie, acceptLanguage });
    // The render depends on the key alone (canonical path, language, zone),
    // never on who asked first: a cached page is everyone's page.
    return { key: page.key, render: () => renderer.render(page.path, page.headers) };
  });

  app.all('*', async (c) => {
    // app.request() (the renderer's reads) runs without a socket: pages are not for it.
    if (!c.env?.incoming) return c.notFound();
    // The pages are read-only.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.text('Method Not Allowed', 405, { Allow: 'GET, HEAD' });
    const target = await clampPage(new URL(c.req.url), pageCounts);
    const page = variants.get(`${target}\n${c.req.header('cookie') ?? ''}\n${c.req.header('accept-language') ?? ''}`);
    return serveCached(c, cache, page.key, page.render);
  });

  const answerFromMemory = (req: IncomingMessage, res: ServerResponse): boolean => {
    const { method, url, headers } = req;
    if (method !== 'GET' || url === undefined || url[0] !== '/' || ASSET_PATH.test(url.split('?', 1)[0]!)) return false;
    // The target as the catch-all keys it (path and query of c.req.url); any difference is only a miss.
    // A ?page= past the last was keyed as the last page there, so it is never found here.
    const page = variants.peek(`${url}\n${headers.cookie ?? ''}\n${headers['accept-language'] ?? ''}`);
    // Fresh, or stale while its next render runs: a render must not send the crowd the slow way.
    const entry = page === undefined ? undefined : cache.current(page.key, page.render);
    if (entry === undefined) return false;
    writeAnswer(res, answer(entry, { method, ifNoneMatch: headers['if-none-match'], ifModifiedSince: headers['if-modified-since'], acceptEncoding: headers['accept-encoding'] }));
    return true;
  };
  return { cache, answerFromMemory, close: renderer.close };
}

/**
 * The request's path and query, with `?page=` past the last page of a paged
 * page (PAGED_LISTS) made the last page (issue #12): 999,999 page numbers
 * were 999,999 renders and cache entries. The last page rather than a 404:
 * a link to an older page stays useful, and a crawler walking the numbers
 * gets one cached page instead of a render per number.
 */
async function clampPage(url: URL, pageCounts: (list: string) => Promise<number | undefined>): Promise<string> {
  const target = `${url.pathname}${url.search}`;
  const list = PAGED_LISTS[url.pathname];
  const asked = Number(url.searchParams.get('page'));
  if (list === undefined || !(asked > 1)) return target;
  const count = await pageCounts(list);
  if (count === undefined || asked <= count) return target;
  const clamped = new URL(url);
  if (count <= 1) clamped.searchParams.delete('page');
  else clamped.searchParams.set('page', String(count));
  return `${clamped.pathname}${clamped.search}`;
}

/** Each paged list's page count, read through the app as the pages read it, at most once a second per list. */
function pageCountReader(app: Hono<{ Bindings: HttpBindings }>, now: () => number): (list: string) => Promise<number | undefined> {
  const read = new Map<string, { at: number; count: Promise<number | undefined> }>();
  return (list) => {
    const known = read.get(list);
    if (known !== undefined && now() - known.at < 1_000) return known.count;
    const count = Promise.resolve(app.request(`${list}?page=1`))
      .then(async (r) => (r.ok ? ((await r.json()) as { pageCount?: unknown }).pageCount : undefined))
      .then((n) => (typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : undefined))
      // Unknown: no clamping; the page's own read then says what is wrong.
      .catch(() => undefined);
    read.set(list, { at: now(), count });
    return count;
  };
}

/**
 * `f` remembering its last 1,000 answers: readers in a crowd send the same few
 * URLs and headers. `peek` tells what `get` answered before, without calling `f`.
 */
function memoized<T>(f: (key: string) => T): { get: (key: string) => T; peek: (key: string) => T | undefined } {
  const seen = new Map<string, T>();
  return {
    get: (key) => {
      let value = seen.get(key);
      if (value === undefined) {
        value = f(key);
        if (seen.size >= 1_000) seen.delete(seen.keys().next().value!);
        seen.set(key, value);
      }
      return value;
    },
    peek: (key) => seen.get(key),
  };
}

function assertBuilt(): void {
  const entryPath = fileURLToPath(serverEntry);
  if (!existsSync(entryPath) || !existsSync(clientDir)) {
    throw new StatusSiteNotBuiltError(`The status site is not built (${entryPath} is missing): run \`${buildCommand}\` first.`);
  }
}

/**
 * The renderer worker, seen from this thread: `render` resolves with the page,
 * and the worker's API reads are answered here by `app.request()`. A worker
 * that dies takes its renders with it (they fail, and are not cached); the
 * next render starts a new one.
 */
function startRenderer(app: Hono<{ Bindings: HttpBindings }>, logger: StatusSiteLogger, identity: () => StatusPageIdentity, subscriptions: () => boolean) {
  let worker: Worker | undefined;
  let ready: Promise<void> = Promise.resolve();
  let failure: unknown;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (r: Rendered) => void; reject: (e: unknown) => void }>();

  const start = () => {
    const w = new Worker(new URL('./status-site-renderer.ts', import.meta.url));
    // The daemon's stop closes the server; an idle renderer must not keep the process alive.
    w.unref();
    worker = w;
    ready = new Promise<void>((resolve, reject) => {
      w.on('message', async (m: FromRenderer) => {
        switch (m.type) {
          case 'ready':
            return resolve();
          case 'failed':
            // Astro's entry would not load: every page would fail the same way, so say why once.
            failure = m.error;
            logger.error('status-site: the page renderer could not load the built site', m.error);
            return reject(m.error);
          case 'rendered':
          case 'render-failed': {
            const pending = waiting.get(m.id);
            waiting.delete(m.id);
            if (m.type === 'rendered') pending?.resolve(m.rendered);
            else pending?.reject(m.error);
            return;
          }
          case 'fetch': {
            const reply: ToRenderer = { type: 'reply', id: m.id, status: 500, headers: [], body: '' };
            try {
              const response = await app.request(m.path);
              Object.assign(reply, { status: response.status, headers: [...response.headers], body: await response.text() });
            } catch (error) {
              logger.error(`status-site: reading ${m.path} for a page failed`, error);
            }
            return w.postMessage(reply);
          }
          case 'log':
            return logger.error(m.message, m.error);
        }
      });
      w.once('error', (error) => logger.error('status-site: the page renderer failed', error));
      w.once('exit', (code) => {
        if (worker === w) worker = undefined;
        reject(new Error(`the page renderer exited (${code}) before it was ready`));
        for (const [id, pending] of waiting) {
          waiting.delete(id);
          pending.reject(new Error(`the page renderer exited (${code})`));
        }
      });
    });
    ready.catch(() => {});
  };
  return {
    render: async (path: string, headers: Record<string, string>): Promise<Rendered> => {
      if (failure !== undefined) throw failure;
      if (worker === undefined) start();
      await ready;
      const id = nextId++;
      const result = new Promise<Rendered>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker!.postMessage({ type: 'render', id, path, headers, identity: identity(), subscribe: subscriptions() } satisfies ToRenderer);
      return result;
    },
    close: async () => {
      await worker?.terminate();
    },
  };
}
