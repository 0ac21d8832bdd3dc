// The status page under a crowd (issue #5): customers arrive all at once when
// something is wrong. Each variant of a public page (path + language + time
// zone, or path + host for JSON, feeds and badges) is rendered at most once
// per `ttlMs` and served from memory with a strong ETag and Last-Modified.
// A variant whose render is slow is rendered less often: at most once per ten
// times its last render's duration, so rendering never takes more than a
// tenth of the time (the front page of 200 components, a few hundred ms on
// one core, then refreshes every few seconds instead of every second), but
// at least every `maxFreshMs` (10 s): a customer never reads a page older
// than that plus one render.
// While a new render runs, readers get the previous one for up to `staleMs`
// (stale-while-revalidate) instead of queueing behind it; concurrent misses
// share one render. 5xx and no-store responses are passed through, never kept.
import { parseQualityList } from '@sla/shared/text/quality.ts';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { worthGzipping } from './compression.ts';

const gzip = promisify(gzipCallback);

/** What a render produced. */
export interface Rendered {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
  /**
   * The body gzipped already, when worthGzipping says so: the page renderer
   * does it in its own low-priority thread. Otherwise the cache gzips it.
   */
  gzipped?: Uint8Array;
}

export interface CacheEntry {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
  /** The same body gzipped (by the renderer, or in libuv's pool: off the event loop), when worth it. */
  gzipped: Buffer | undefined;
  etag: string;
  /** HTTP date of the last render whose body differed from the one before. */
  lastModified: string;
  renderedAt: number;
  /** How long the render took (ms): the entry is fresh for max(ttlMs, min(MAX_FRESH_MS, RENDER_SHARE × this)). */
  renderMs: number;
}

/** Fresh for at least this many times its render's duration: renders take at most 1/10 of the time. */
export const RENDER_SHARE = 10;
/** ...but never fresh for longer than this: the bound on how old a served page is, less one render. */
export const MAX_FRESH_MS = 10_000;

export interface PageCacheOptions {
  /** Epoch ms; the daemon's clock. */
  now: () => number;
  /** A render is served as is this long: at most one render per variant per second. */
  ttlMs?: number;
  /**
   * Past the TTL, the old render is still served this long while the next one
   * runs. A minute: under a crowd a render takes longer (it yields the core to
   * serving, status-site.ts), and readers must not pile up behind it; a page
   * nobody asked for in a minute is rendered anew before it is served.
   */
  staleMs?: number;
  /** Variants kept; the least recently rendered goes first. Bounds memory whatever paths a crowd asks for. */
  maxEntries?: number;
  /**
   * One second, like our own TTL: a CDN or proxy in front may absorb the crowd
   * too without showing anything older than we would, and a browser that
   * comes back revalidates with the ETag and gets a 304.
   */
  cacheControl?: string;
  /** Each render's wall time (its wait for a core included) and whether it succeeded (threw nothing, answered below 500): the status page's freshness under a crowd. */
  onRender?: (seconds: number, ok: boolean) => void;
}

export interface PageCache {
  /** The cached entry for `key`, rendering it (once, however many ask) when missing or old. */
  get: (key: string, render: () => Promise<Rendered>) => Promise<CacheEntry>;
  /**
   * What `get` would answer at once, without waiting: the entry when fresh,
   * or when stale (its next render then started, if none runs); undefined
   * when there is none or it is too old to serve, where `get` would wait.
   */
  current: (key: string, render: () => Promise<Rendered>) => CacheEntry | undefined;
  size: () => number;
}

export function createPageCache(o: PageCacheOptions): PageCache {
  const ttlMs = o.ttlMs ?? 1_000;
  const staleMs = o.staleMs ?? 60_000;
  const maxEntries = o.maxEntries ?? 500;
  const cacheControl = o.cacheControl ?? 'public, max-age=1';
  const entries = new Map<string, CacheEntry>();
  const rendering = new Map<string, Promise<CacheEntry>>();

  async function renderInto(key: string, render: () => Promise<Rendered>): Promise<CacheEntry> {
    const startedAt = o.now();
    let rendered: Rendered;
    try {
      rendered = await render();
    } catch (error) {
      o.onRender?.(Math.max(0, o.now() - startedAt) / 1000, false);
      throw error;
    }
    const body = asBuffer(rendered.body);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const previous = entries.get(key);
    const renderedAt = o.now();
    const headers = rendered.headers.filter(([name]) => !OURS.has(name.toLowerCase()));
    const entry: CacheEntry = {
      status: rendered.status,
      headers: [...headers, ['cache-control', rendered.status >= 500 ? 'no-store' : cacheControl]],
      body,
      gzipped: rendered.gzipped !== undefined ? asBuffer(rendered.gzipped) : worthGzipping(body, headers) ? await gzip(body) : undefined,
      etag,
      lastModified: previous?.etag === etag ? previous.lastModified : new Date(renderedAt).toUTCString(),
      renderedAt,
      renderMs: Math.max(0, renderedAt - startedAt),
    };
    // A 5xx page ("status unavailable") is served once and never kept: for the operators, a failed render.
    o.onRender?.(entry.renderMs / 1000, rendered.status < 500);
    if (rendered.status < 500 && !noStore(rendered.headers)) {
      entries.delete(key); // re-insert: Map order is the eviction order
      entries.set(key, entry);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return entry;
  }

  function start(key: string, render: () => Promise<Rendered>): Promise<CacheEntry> {
    const running = renderInto(key, render).finally(() => rendering.delete(key));
    rendering.set(key, running);
    return running;
  }

  const freshFor = (entry: CacheEntry) => Math.max(ttlMs, Math.min(MAX_FRESH_MS, RENDER_SHARE * entry.renderMs));

  function current(key: string, render: () => Promise<Rendered>): CacheEntry | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    const age = o.now() - entry.renderedAt;
    const freshMs = freshFor(entry);
    if (age < freshMs) return entry;
    if (age >= freshMs + staleMs) return undefined;
    // A failed render's own caller, if any, sees the error; a stale reader must not crash the process.
    if (!rendering.has(key)) start(key, render).catch(() => {});
    return entry;
  }

  return {
    size: () => entries.size,
    current,
    get: async (key, render) => current(key, render) ?? rendering.get(key) ?? start(key, render),
  };
}

/** The bytes as a Buffer, without copying them. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Headers the cache sets itself.
const OURS = new Set(['etag', 'last-modified', 'cache-control', 'content-length', 'content-encoding', 'date', 'connection', 'transfer-encoding', 'keep-alive']);

function noStore(headers: Array<[string, string]>): boolean {
  return headers.some(([name, value]) => name.toLowerCase() === 'cache-control' && /no-store|private/.test(value));
}

export interface RequestInfo {
  method: string;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  acceptEncoding: string | undefined;
}

/** The status, headers and body to answer `req` with from `entry`: 304 when the client's copy is current, gzip when accepted. */
export function answer(entry: CacheEntry, req: RequestInfo): { status: number; headers: Record<string, string | string[]>; body: Buffer | undefined } {
  const headers = baseHeaders(entry);
  if (entry.status === 200 && notModified(entry, req)) {
    delete headers['content-type'];
    return { status: 304, headers, body: undefined };
  }
  const useGzip = entry.gzipped !== undefined && acceptsGzip(req.acceptEncoding);
  const body = useGzip ? entry.gzipped! : entry.body;
  if (useGzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(body.byteLength);
  return { status: entry.status, headers, body: req.method === 'HEAD' ? undefined : body };
}

// An entry's own headers, built once per entry rather than once per reader.
const BASE_HEADERS = new WeakMap<CacheEntry, Record<string, string | string[]>>();

function baseHeaders(entry: CacheEntry): Record<string, string | string[]> {
  let base = BASE_HEADERS.get(entry);
  if (base === undefined) {
    base = {};
    for (const [name, value] of entry.headers) {
      const lower = name.toLowerCase();
      const existing = base[lower];
      base[lower] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    base.etag = entry.etag;
    base['last-modified'] = entry.lastModified;
    if (entry.gzipped !== undefined) base.vary = [base.vary, 'Accept-Encoding'].flat().filter(Boolean).join(', ');
    BASE_HEADERS.set(entry, base);
  }
  return { ...base };
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; weak comparison for If-None-Match. */
function notModified(entry: CacheEntry, req: RequestInfo): boolean {
  if (req.ifNoneMatch !== undefined) {
    if (req.ifNoneMatch.trim() === '*') return true;
    return req.ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entry.etag);
  }
  if (req.ifModifiedSince !== undefined) {
    const since = Date.parse(req.ifModifiedSince);
    return Number.isFinite(since) && Date.parse(entry.lastModified) <= since;
  }
  return false;
}

function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined) return false;
  return parseQualityList(acceptEncoding).some((w) => w.value === 'gzip' || w.value === '*');
}

/** Writes the answer straight to Node's response (the fast path for pages under a crowd). */
export function writeAnswer(res: ServerResponse, a: ReturnType<typeof answer>): void {
  res.writeHead(a.status, a.headers);
  res.end(a.body);
}

/** The request's conditional and encoding headers, from a Fetch API Headers. */
export function requestInfo(method: string, headers: Headers): RequestInfo {
  return {
    method,
    ifNoneMatch: headers.get('if-none-match') ?? undefined,
    ifModifiedSince: headers.get('if-modified-since') ?? undefined,
    acceptEncoding: headers.get('accept-encoding') ?? undefined,
  };
}

/** A Fetch Response as a Rendered, for caching what a Hono handler returned. */
export async function fromResponse(response: Response): Promise<Rendered> {
  return { status: response.status, headers: [...response.headers], body: new Uint8Array(await response.arrayBuffer()) };
}

/** A JSON body as a Rendered. */
export function json(body: unknown, status = 200): Rendered {
  return { status, headers: [['content-type', 'application/json; charset=utf-8']], body: Buffer.from(JSON.stringify(body)) };
}

/** A text body (XML, SVG, iCalendar…) as a Rendered. */
export function text(body: string, contentType: string, status = 200): Rendered {
  return { status, headers: [['content-type', contentType]], body: Buffer.from(body) };
}

/**
 * Answers a GET or HEAD from `cache`. `render` runs detached from this request
 * (a stale reader may have long gone when it finishes), so it must not touch
 * `c`: read what it needs from the request first.
 */
export async function serveCached(c: Context<{ Bindings: HttpBindings }>, cache: PageCache, key: string, render: () => Promise<Rendered>): Promise<Response> {
  const entry = await cache.get(key, render);
  const a = answer(entry, requestInfo(c.req.method, c.req.raw.headers));
  Object.assign(a.headers, ALSO_SEND.get(c.req.raw));
  // Hono answers HEAD itself from a Response; only GET may write to the socket directly.
  const outgoing = c.req.method === 'GET' ? c.env?.outgoing : undefined;
  if (outgoing !== undefined) {
    writeAnswer(outgoing, a);
    return RESPONSE_ALREADY_SENT;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(a.headers)) for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  return new Response(a.body === undefined ? null : new Uint8Array(a.body), { status: a.status, headers });
}

// Headers a middleware adds to this request's answer (CORS, issue #12). A
// cached answer is written straight to the socket, past the headers Hono
// would have merged from the context; and the context's response must not be
// touched before the handler, or Hono copies RESPONSE_ALREADY_SENT into a new
// Response and answers twice.
const ALSO_SEND = new WeakMap<Request, Record<string, string>>();

/** Adds `headers` to what serveCached answers this request with. */
export function alsoSend(c: Context, headers: Record<string, string>): void {
  ALSO_SEND.set(c.req.raw, { ...ALSO_SEND.get(c.req.raw), ...headers });
}

/** Whether the handler wrote its answer to the socket itself (its headers are gone). */
export function alreadySent(response: Response): boolean {
  return response === RESPONSE_ALREADY_SENT;
}

/**
 * The key of a variant whose absolute links carry `origin` (server.publicUrl):
 * the origin and the path. Never the request's Host (issue #12): each new Host
 * would be a render and an entry, and its links an origin the sender chose.
 */
export function originPathKey(origin: string, c: Context): string {
  return `${origin}${c.req.path}`;
}
