// Mounts the built Astro status site (status-site/) into the daemon's Hono
// server as its catch-all: static files from dist/client, then Astro's node
// handler for everything else. Register it after every other route.
import { existsSync } from 'node:fs';
import { ServerResponse, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Hono } from 'hono';
import { buildCommand, clientDir, serverEntry, type StatusSiteLocals } from '@sla/status-site/host';

export interface StatusSiteLogger {
  error(message: string, ...details: unknown[]): void;
}

export interface MountStatusSiteOptions {
  /** Overrides what pages find in `Astro.locals`; see defaultLocals. */
  locals?: Partial<StatusSiteLocals>;
  /** Receives failed reads behind "status unavailable" and every unhandled rejection. Default: console. */
  logger?: StatusSiteLogger;
}

export class StatusSiteNotBuiltError extends Error {
  override name = 'StatusSiteNotBuiltError';
}

/** `handler` of @astrojs/node's middleware-mode entry (dist/server/entry.mjs). */
type AstroNodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
  locals?: object,
) => Promise<void>;

// Hashed names under /_astro/ change whenever the content does.
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

export async function mountStatusSite(
  app: Hono<{ Bindings: HttpBindings }>,
  opts: MountStatusSiteOptions = {},
): Promise<void> {
  const logger = opts.logger ?? console;
  const handler = await loadAstroHandler(logger);
  const locals: StatusSiteLocals = { ...defaultLocals(app, logger), ...opts.locals };

  app.use(
    '*',
    serveStatic({
      root: fileURLToPath(clientDir),
      onFound: (_path, c) => {
        if (c.req.path.startsWith('/_astro/')) c.header('Cache-Control', IMMUTABLE_CACHE);
      },
    }),
  );

  app.all('*', async (c) => {
    // app.request() (used by defaultLocals) runs without a socket: nothing for Astro to write to.
    if (!c.env?.incoming) return c.notFound();
    // A fresh locals object per request, since Astro middleware may write to it.
    const requestLocals = { ...locals };
    if (c.req.method === 'HEAD') return renderHead(handler, c.env.incoming, requestLocals);
    c.env.outgoing.setHeader('X-Content-Type-Options', 'nosniff');
    // No `next`: Astro answers unknown paths itself (src/pages/404.astro).
    await handler(c.env.incoming, c.env.outgoing, undefined, requestLocals);
    return RESPONSE_ALREADY_SENT;
  });
}

// Hono answers HEAD by running the GET route and writing the head of its result
// itself, which fails (and destroys the socket) after Astro has written to it.
// So for HEAD, Astro writes to a response with no socket and we return its head.
async function renderHead(handler: AstroNodeHandler, incoming: IncomingMessage, locals: object): Promise<Response> {
  const detached = new ServerResponse(incoming);
  // Also keeps what Astro's writeHead() sets readable: Node caches headers for
  // getHeaders() only once setHeader() has been called (http docs, writeHead).
  detached.setHeader('X-Content-Type-Options', 'nosniff');
  await handler(incoming, detached, undefined, locals);

  const headers = new Headers();
  for (const [name, value] of Object.entries(detached.getHeaders())) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [String(value)]) headers.append(name, item);
  }
  return new Response(null, { status: detached.statusCode, headers });
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
    throw new StatusSiteNotBuiltError(
      `The status site is not built (${entryPath} is missing): run \`${buildCommand}\` first.`,
    );
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
