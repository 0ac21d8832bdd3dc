import { createServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';

/** A loopback HTTP service the test turns up (200) or down (503) at will; it counts what it answered since the last switch. */
export async function switchableTarget() {
  let up = true;
  let sinceSwitch = 0;
  const server = createServer((_req, res) => {
    sinceSwitch += 1;
    res.statusCode = up ? 200 : 503;
    res.end(up ? 'ok' : 'down');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const more: Server[] = [];
  return {
    url: `http://127.0.0.1:${port}/`,
    /** The same service on another of this host's addresses and the same port (a network namespace's way in, test/support/netns.ts); its URL there. */
    alsoOn: async (host: string) => {
      const extra = createTcpServer((socket) => server.emit('connection', socket));
      more.push(extra);
      await new Promise<void>((r) => extra.listen(port, host, r));
      return `http://${host}:${port}/`;
    },
    setUp: (value: boolean) => {
      up = value;
      sinceSwitch = 0;
    },
    /** Requests answered in the current state: probes that saw it (issue #13: wait for them, not for time). */
    answeredSinceSwitch: () => sinceSwitch,
    close: async () => {
      await Promise.all(more.splice(0).map((extra) => new Promise<void>((r) => extra.close(() => r()))));
      await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
    },
  };
}
