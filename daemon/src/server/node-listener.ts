import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';

export interface NodeListenerOptions {
  /** The Host for requests that send none, as @hono/node-server's serve() does with its hostname. */
  hostname?: string;
  /** Answers what it can straight from Node's request (true when it did); the rest goes to `fetch`. */
  before?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** Node's request listener for a Hono app, with an optional fast path in front (issue #5: status-site.ts answerFromMemory). */
export function nodeListener(fetch: Parameters<typeof getRequestListener>[0], o: NodeListenerOptions = {}): RequestListener {
  const toHono = getRequestListener(fetch, { hostname: o.hostname });
  const before = o.before;
  if (before === undefined) return (req, res) => void toHono(req, res);
  return (req, res) => {
    if (!before(req, res)) void toHono(req, res);
  };
}
