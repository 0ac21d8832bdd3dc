import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    setUp: (value: boolean) => {
      up = value;
      sinceSwitch = 0;
    },
    /** Requests answered in the current state: probes that saw it (issue #13: wait for them, not for time). */
    answeredSinceSwitch: () => sinceSwitch,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
