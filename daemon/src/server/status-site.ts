// Mounts the built Astro status site (status-site/) into the daemon's Hono
// server as its catch-all: static files from dist/client, then the pages,
// each variant (path + language + time zone) rendered at most once a second
// into memory and served from there (page-cache.ts). Register it after every
// other route.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Hono } from 'hono';
import { buildCommand, clientDir, pageRequest, serverEntry, type StatusSiteLocals } from '@sla/status-site/host';
import { createPageCache, serveCached, type PageCache, type Rendered } from './page-cache.ts';

export interface StatusSiteLogger {
  error(message: string, ...details: unknown[]): void;
}

export interface MountStatusSiteOptions {
  /** Overrides what pages find in `Astro.locals`; see defaultLocals. */
  locals?: Partial<StatusSiteLocals>;
  /** Receives failed reads behind "status unavailable" and every unhandled rejection. Default: console. */
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

export async function mountStatusSite(app: Hono<{ Bindings: HttpBindings }>, opts: MountStatusSiteOptions = {}): Promise<{ cache: PageCache }> {
  const logger = opts.logger ?? console;
  const handler = await loadAstroHandler(logger);
  const locals: StatusSiteLocals = { ...defaultLocals(app, logger), ...opts.locals };
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
    // app.request() (used by defaultLocals) runs without a socket: pages are not for it.
    if (!c.env?.incoming) return c.notFound();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      // Pages are read-only: Astro answers anything else (404/405) itself, uncached.
      await handler(c.env.incoming, c.env.outgoing, undefined, { ...locals });
      return RESPONSE_ALREADY_SENT;
    }
    const page = variantOf(`${c.req.url}\n${c.req.header('cookie') ?? ''}\n${c.req.header('accept-language') ?? ''}`);
    // The render depends on the key alone (canonical path, language, zone),
    // never on who asked first: a cached page is everyone's page.
    return serveCached(c, cache, page.key, () => renderPage(handler, page.path, page.headers, { ...locals }));
  });
  return { cache };
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

// Pages read the public API in-process through app.request(): the same routes and
// JSON as outside clients, without a loopback connection or knowing the port.
function defaultLocals(app: Hono<{ Bindings: HttpBindings }>, logger: StatusSiteLogger): StatusSiteLocals {
  return {
    apiFetch: async (path) => app.request(path),
    reportError: (error) => logger.error('status-site: a read failed, page served as unavailable', error),
  };
}

async function loadAstroHandler(logger: StatusSiteLogger): Promise<AstroNodeHandler> {
  const entryPath = fileURLToPath(serverEntry);
  if (!existsSync(entryPath) || !existsSync(clientDir)) {
    throw new StatusSiteNotBuiltError(`The status site is not built (${entryPath} is missing): run \`${buildCommand}\` first.`);
  }

  const before = new Set(process.listeners('unhandledRejection'));
  const entry: unknown = await import(serverEntry.href);
  // Importing the entry adds an unhandledRejection listener that logs only
  // rejections raised while rendering and drops every other one; its presence
  // alone turns off Node's default crash. Replace it with one that logs them all.
  // A second import is a cached module and adds none: the first logger stays.
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
