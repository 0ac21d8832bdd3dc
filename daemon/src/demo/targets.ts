import { createServer, type Server } from 'node:http';

/** Ports the demo config (config/demo.yaml) points its monitors at. */
export const DEMO_PORTS = { steady: 18101, flaky: 18102, slow: 18103 } as const;

export interface DemoTargets {
  close: () => Promise<void>;
}

/**
 * Three loopback services so a newcomer sees the product work at once
 * (issue #2): one always up, one down for 40 s of every 100 s (an outage opens
 * and closes within two minutes), one that answers in 1.5 s (degraded).
 */
export async function startDemoTargets(now: () => number = Date.now, ports: Record<keyof typeof DEMO_PORTS, number> = DEMO_PORTS): Promise<DemoTargets> {
  const servers: Server[] = await Promise.all([
    serveOn(ports.steady, (_req, res) => res.end('{"status":"ok"}')),
    serveOn(ports.flaky, (_req, res) => {
      const down = Math.floor(now() / 1000) % 100 >= 60;
      res.statusCode = down ? 503 : 200;
      res.end(down ? 'scheduled demo failure' : 'ok');
    }),
    serveOn(ports.slow, (_req, res) => void setTimeout(() => res.end('ok, slowly'), 1_500)),
  ]);
  return {
    close: async () => {
      await Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
    },
  };
}

function serveOn(port: number, handler: Parameters<typeof createServer>[1]): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer({ keepAliveTimeout: 1_000 }, handler);
    server.once('error', (e) => reject(new Error(`demo target cannot listen on 127.0.0.1:${port}: ${(e as Error).message}`)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

