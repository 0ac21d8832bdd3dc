import { serve, type ServerType } from '@hono/node-server';
import type { Config } from '@sla/shared';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { Metrics } from '../metrics/metrics.ts';
import { errorResponse } from './api-error.ts';
import type { App } from './app-type.ts';
import { serveMetrics } from './routes/metrics.ts';

export interface MetricsListener {
  url: string;
  close: () => Promise<void>;
}

/**
 * /metrics alone on config metrics.listen ('host:port'; port 0 picks a free
 * one), e.g. a private interface that only Prometheus reaches; the API port
 * then answers 404 for /metrics.
 */
export async function startMetricsListener(o: {
  listen: string;
  metrics: Metrics;
  settings: () => Config['metrics'];
  logError: (message: string, error: unknown) => void;
}): Promise<MetricsListener> {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(o.listen);
  if (match === null) throw new Error(`metrics.listen: expected host:port, got '${o.listen}'`);
  // Served by @hono/node-server like the main app, so it has the same bindings.
  const app: App = new Hono();
  app.onError((error, c) => errorResponse(c, error, o.logError));
  serveMetrics(app, { metrics: o.metrics, settings: o.settings, dedicated: true });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: match[1] ?? match[2], port: Number(match[3]) }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
