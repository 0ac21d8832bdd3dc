// The status site's renderer (status-site.ts starts it in a worker thread):
// loads Astro's middleware-mode entry and renders pages into memory, reading
// the public API through the daemon thread's app (the database lives there).
import { EventEmitter } from 'node:events';
import { setPriority } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import type { StatusPageIdentity } from '@sla/shared/config/status-page.ts';
import type { StatusSiteLocals } from '@sla/shared/status/locals.ts';
import { serverEntry } from './status-site-build.ts';
import { worthGzipping } from './compression.ts';
import type { Rendered } from './page-cache.ts';

/** Where the renderer's failures go: the daemon's logger, through messages. */
export interface StatusSiteLogger {
  error(message: string, ...details: unknown[]): void;
}

/** `handler` of @astrojs/node's middleware-mode entry (dist/server/entry.mjs). */
type AstroNodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void, locals?: object) => Promise<void>;

// Messages between this thread and the renderer.
export type ToRenderer =
  | { type: 'render'; id: number; path: string; headers: Record<string, string>; identity: StatusPageIdentity; subscribe: boolean }
  | { type: 'reply'; id: number; status: number; headers: Array<[string, string]>; body: string };
export type FromRenderer =
  | { type: 'ready' }
  | { type: 'failed'; error: unknown }
  | { type: 'rendered'; id: number; rendered: Rendered }
  | { type: 'render-failed'; id: number; error: unknown }
  | { type: 'fetch'; id: number; path: string }
  | { type: 'log'; message: string; error: unknown };

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
  } catch (error) {
    // Not permitted or not supported here (a system error): the page is still rendered, at normal priority.
    if (!(error instanceof Error && 'syscall' in error)) throw error;
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
  const locals: Omit<StatusSiteLocals, 'identity' | 'subscribe'> = {
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
      // A fresh locals object per render, since Astro middleware may write to it; the identity as of this render (a reload may change it).
      post({ type: 'rendered', id: m.id, rendered: await renderPage(handler, m.path, m.headers, { ...locals, identity: m.identity, subscribe: m.subscribe } satisfies StatusSiteLocals) });
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
  const body = Buffer.concat(response.chunks);
  const out: Rendered = { status: response.statusCode, headers: response.headerList(), body };
  out.headers.push(['x-content-type-options', 'nosniff']);
  // Here, at this thread's low priority, rather than in the serving thread's
  // libuv pool at full priority: 400 KB of front page is ~10 ms of zlib.
  if (worthGzipping(body, out.headers)) out.gzipped = gzipSync(body);
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

// Last: runRenderer reads the constants above synchronously, before its
// first await, and a call from the top would meet them uninitialised.
if (!isMainThread) void runRenderer();
