// Mounts the built Astro status site (status-site/) into the daemon's Hono
// server as its catch-all: static files from dist/client, then the pages,
// each variant (path + language + time zone) rendered at most once a second
// into memory and served from there (page-cache.ts). Register it after every
// other route.
//
// Pages are rendered in a worker thread (this same file, see the bottom), so
// a render — parsing the API's JSON, Astro, thousands of bar cells, the
// garbage they leave — never stops the event loop that serves the crowd. The
// worker reads the public API through this thread's app, as outside clients
// would, because the database lives here.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { buildCommand, clientDir, pageRequest, serverEntry, type StatusSiteLocals } from '@sla/status-site/host';
import { createPageCache, serveCached, type PageCache, type Rendered } from './page-cache.ts';

export interface StatusSiteLogger {
  error(message: string, ...details: unknown[]): void;
}

export interface MountStatusSiteOptions {
  /** Receives failed reads behind "status unavailable", renderer failures and every unhandled rejection. Default: console. */
  logger?: StatusSiteLogger;
  /** Epoch ms, for the page cache's ages and Last-Modified. Default: Date.now. */
  now?: () => number;
}

export class StatusSiteNotBuiltError extends Error {
  override name = 'StatusSiteNotBuiltError';
}

/** `handler` of @astrojs/node's middleware-mode entry (dist/server/entry.mjs). */
type AstroNodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void, locals?: object) => Promise<void>;

// Hashed names under /_astro/ change whenever the content does.
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
const ASSET_PATH = /^\/_astro\/|\.[a-z0-9]+$/i;
const RENDERER = 'sla-status-site-renderer';

export async function mountStatusSite(app: Hono<{ Bindings: HttpBindings }>, opts: MountStatusSiteOptions = {}): Promise<{ cache: PageCache; close: () => Promise<void> }> {
  const logger = opts.logger ?? console;
  assertBuilt();
  // Started by the first page request: a daemon nobody reads pages from (the
  // tests of the API, an API-only deployment) never pays for loading Astro.
  const renderer = startRenderer(app, logger);
  const cache = createPageCache({ now: opts.now ?? Date.now });

  const assets = serveStatic({
    root: fileURLToPath(clientDir),
    onFound: (_path, c) => {
      if (c.req.path.startsWith('/_astro/')) c.header('Cache-Control', IMMUTABLE_CACHE);
    },
  });
  // Only paths that can be files (Astro's /_astro/*, anything with an extension)
  // look on disk: a stat per page request is a syscall per reader under a crowd.
  app.use('*', (c, next) => (ASSET_PATH.test(c.req.path) ? assets(c, next) : next()));
  const variantOf = memoized((key: string) => {
    const [url, cookie, acceptLanguage] = key.split('\n');
    return pageRequest(new URL(url!), { cookie, acceptLanguage });
  });

  app.all('*', async (c) => {
    // app.request() (the renderer's reads) runs without a socket: pages are not for it.
    if (!c.env?.incoming) return c.notFound();
    // The pages are read-only.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.text('Method Not Allowed', 405, { Allow: 'GET, HEAD' });
    const page = variantOf(`${c.req.url}\n${c.req.header('cookie') ?? ''}\n${c.req.header('accept-language') ?? ''}`);
    // The render depends on the key alone (canonical path, language, zone),
    // never on who asked first: a cached page is everyone's page.
    return serveCached(c, cache, page.key, () => renderer.render(page.path, page.headers));
  });
  return { cache, close: renderer.close };
}

/** `f` remembering its last 1,000 answers: readers in a crowd send the same few URLs and headers. */
function memoized<T>(f: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      value = f(key);
      if (seen.size >= 1_000) seen.delete(seen.keys().next().value!);
      seen.set(key, value);
    }
    return value;
  };
}

function assertBuilt(): void {
  const entryPath = fileURLToPath(serverEntry);
  if (!existsSync(entryPath) || !existsSync(clientDir)) {
    throw new StatusSiteNotBuiltError(`The status site is not built (${entryPath} is missing): run \`${buildCommand}\` first.`);
  }
}

// Messages between this thread and the renderer.
type ToRenderer =
  | { type: 'render'; id: number; path: string; headers: Record<string, string> }
  | { type: 'reply'; id: number; status: number; headers: Array<[string, string]>; body: string };
type FromRenderer =
  | { type: 'ready' }
  | { type: 'failed'; error: unknown }
  | { type: 'rendered'; id: number; rendered: Rendered }
  | { type: 'render-failed'; id: number; error: unknown }
  | { type: 'fetch'; id: number; path: string }
  | { type: 'log'; message: string; error: unknown };

/**
 * The renderer worker, seen from this thread: `render` resolves with the page,
 * and the worker's API reads are answered here by `app.request()`. A worker
 * that dies takes its renders with it (they fail, and are not cached); the
 * next render starts a new one.
 */
function startRenderer(app: Hono<{ Bindings: HttpBindings }>, logger: StatusSiteLogger) {
  let worker: Worker | undefined;
  let ready: Promise<void> = Promise.resolve();
  let failure: unknown;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (r: Rendered) => void; reject: (e: unknown) => void }>();

  const start = () => {
    const w = new Worker(new URL(import.meta.url), { workerData: { role: RENDERER } });
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
      worker!.postMessage({ type: 'render', id, path, headers } satisfies ToRenderer);
      return result;
    },
    close: async () => {
      await worker?.terminate();
    },
  };
}

// ---------------------------------------------------------------------------
// The renderer: this file again, in its worker thread.

if (!isMainThread && (workerData as { role?: string } | null)?.role === RENDERER) void runRenderer();

/**
 * The renderer's scheduling priority (nice). On Linux setpriority(2) with
 * pid 0 applies to the calling thread alone, so this lowers the worker, not
 * the thread serving readers. Where the process has a single core (a small
 * VM, or the status bench's pinning), a render at equal priority takes half
 * the core from the crowd for its duration, every second: that was the
 * status bench's p99. At nice 10 the render gets about a tenth of a busy
 * core, so it runs longer and the page cache, which spaces renders by ten
 * times their duration (page-cache.ts), renders less often under a crowd.
 * With a core to spare it still runs at full speed.
 */
const RENDER_NICE = 10;

async function runRenderer(): Promise<void> {
  try {
    setPriority(RENDER_NICE);
  } catch {
    // Not permitted or not supported here: the page is still rendered, at normal priority.
  }
  const port = parentPort!;
  const post = (m: FromRenderer) => port.postMessage(m);
  const log = (message: string, error: unknown) => post({ type: 'log', message, error });
  let handler: AstroNodeHandler;
  try {
    handler = await loadAstroHandler({ error: (message, error) => log(message, error) });
  } catch (error) {
    return post({ type: 'failed', error });
  }
  let nextId = 0;
  const replies = new Map<number, (r: Extract<ToRenderer, { type: 'reply' }>) => void>();
  const locals: StatusSiteLocals = {
    apiFetch: (path) =>
      new Promise((resolve) => {
        const id = nextId++;
        replies.set(id, (r) => resolve(new Response(r.body, { status: r.status, headers: r.headers })));
        post({ type: 'fetch', id, path });
      }),
    reportError: (error) => log('status-site: a read failed, page served as unavailable', error),
  };
  port.on('message', async (m: ToRenderer) => {
    if (m.type === 'reply') {
      replies.get(m.id)?.(m);
      replies.delete(m.id);
      return;
    }
    try {
      // A fresh locals object per render, since Astro middleware may write to it.
      post({ type: 'rendered', id: m.id, rendered: await renderPage(handler, m.path, m.headers, { ...locals }) });
    } catch (error) {
      post({ type: 'render-failed', id: m.id, error });
    }
  });
  post({ type: 'ready' });
}

/**
 * Renders one page into memory. Astro's node handler is given a request made
 * of the canonical path and the variant's headers only, and a response that
 * collects what it writes.
 */
async function renderPage(handler: AstroNodeHandler, path: string, headers: Record<string, string>, locals: object): Promise<Rendered> {
  // No socket: nothing to abort when the reader who triggered the render goes away.
  const request = Object.assign(new EventEmitter(), { method: 'GET', url: path, headers: { host: 'localhost', ...headers }, socket: {} }) as unknown as IncomingMessage;
  const response = new CapturedResponse();
  await handler(request, response as unknown as ServerResponse, undefined, locals);
  await response.done;
  const out: Rendered = { status: response.statusCode, headers: response.headerList(), body: Buffer.concat(response.chunks) };
  out.headers.push(['x-content-type-options', 'nosniff']);
  return out;
}

/** The part of ServerResponse that Astro's writeResponse and the adapter's error path use. */
class CapturedResponse extends Writable {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  readonly chunks: Buffer[] = [];
  readonly done: Promise<void>;
  private readonly headers = new Map<string, string | string[]>();

  constructor() {
    super();
    this.done = new Promise((resolve, reject) => {
      this.once('finish', resolve);
      this.once('error', reject);
    });
  }

  setHeader(name: string, value: string | number | readonly string[]): this {
    this.headers.set(name.toLowerCase(), Array.isArray(value) ? [...value] : String(value));
    return this;
  }

  writeHead(status: number, headers?: Record<string, string | number | readonly string[] | undefined>): this {
    this.statusCode = status;
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) this.setHeader(name, value);
    this.headersSent = true;
    return this;
  }

  headerList(): Array<[string, string]> {
    return [...this.headers].flatMap(([name, value]) => (Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value] as [string, string]]));
  }

  override _write(chunk: Buffer | Uint8Array | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.headersSent = true;
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    callback();
  }
}

async function loadAstroHandler(logger: StatusSiteLogger): Promise<AstroNodeHandler> {
  const entryPath = fileURLToPath(serverEntry);
  const before = new Set(process.listeners('unhandledRejection'));
  const entry: unknown = await import(serverEntry.href);
  // Importing the entry adds an unhandledRejection listener that logs only
  // rejections raised while rendering and drops every other one; its presence
  // alone turns off Node's default crash. Replace it with one that logs them all.
  const added = process.listeners('unhandledRejection').filter((listener) => !before.has(listener));
  if (added.length > 0) {
    for (const listener of added) process.off('unhandledRejection', listener);
    process.on('unhandledRejection', (reason) => logger.error('unhandled promise rejection', reason));
  }

  if (!hasHandler(entry)) {
    throw new Error(`${entryPath} exports no handler: is the adapter still @astrojs/node in middleware mode?`);
  }
  return entry.handler;
}

function hasHandler(entry: unknown): entry is { handler: AstroNodeHandler } {
  return typeof entry === 'object' && entry !== null && 'handler' in entry && typeof entry.handler === 'function';
}
