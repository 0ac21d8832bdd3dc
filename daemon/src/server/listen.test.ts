// listenShared over real loopback sockets: how many waiting connections one
// turn of a busy event loop lets in, and that a taken port stays taken.
import { createServer, type RequestListener, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCEPTORS, listenShared, type Listening } from './listen.ts';

const HOST = '127.0.0.1';
const opened: Array<{ close: () => unknown }> = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

const hello: RequestListener = (_req, res) => res.end('hello');

async function shared(port = 0, acceptors?: number): Promise<Listening> {
  const listening = await listenShared(hello, port, HOST, acceptors);
  opened.push(listening);
  return listening;
}

/**
 * Opens `count` connections while the event loop is kept busy (5 ms a turn,
 * like a daemon answering a crowd) and returns how many each turn accepted.
 */
async function acceptedPerTurn(listening: Listening, count: number): Promise<number[]> {
  let accepted = 0;
  const counted = new Set<Socket>();
  const sockets: Socket[] = [];
  opened.push({ close: () => sockets.forEach((s) => { s.destroy(); }) });
  const onConnection = (socket: Socket) => {
    if (!counted.has(socket)) {
      counted.add(socket);
      accepted++;
    }
  };
  // The listener behind each of the sockets is the same http server callback;
  // count connections as Node's 'connection' events on them.
  for (const server of listening.servers) server.on('connection', onConnection);
  for (let i = 0; i < count; i++) sockets.push(connect(listening.address.port, HOST).on('error', () => {}));
  const turns: number[] = [];
  let before = 0;
  while (accepted < count && turns.length < 1_000) {
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    while (performance.now() - started < 5); // a busy turn
    turns.push(accepted - before);
    before = accepted;
  }
  return turns.filter((n) => n > 0);
}

describe('listenShared', () => {
  it('lets a burst of waiting connections in many per turn, where one socket lets in one (libuv PR #3696)', async () => {
    const single = await acceptedPerTurn(await shared(0, 1), 64);
    expect(Math.max(...single)).toBe(1);
    expect(single.reduce((a, b) => a + b, 0)).toBe(64);

    const many = await acceptedPerTurn(await shared(), 64);
    expect(many.reduce((a, b) => a + b, 0)).toBe(64);
    expect(Math.max(...many)).toBeGreaterThan(4);
    expect(many.length).toBeLessThan(single.length / 2);
  });

  it('puts every socket on the one address a host name resolved to', async () => {
    const listening = await listenShared(hello, 0, 'localhost');
    opened.push(listening);
    const addresses = new Set(listening.servers.map((s) => JSON.stringify(s.address())));
    expect(addresses.size).toBe(1);
    expect(listening.servers).toHaveLength(ACCEPTORS);
  });

  it('answers on every socket of the port', async () => {
    const listening = await shared();
    const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`http://${HOST}:${listening.address.port}/`, { headers: { connection: 'close' } }).then((r) => r.text())));
    expect(new Set(answers)).toEqual(new Set(['hello']));
  });

  it('fails with EADDRINUSE on a port another server holds, instead of sharing it', async () => {
    const other: Server = createServer(hello);
    await new Promise<void>((resolve) => other.listen(0, HOST, resolve));
    opened.push({ close: () => new Promise((resolve) => other.close(resolve)) });
    const port = (other.address() as { port: number }).port;
    await expect(listenShared(hello, port, HOST)).rejects.toMatchObject({ code: 'EADDRINUSE' });

    // A second daemon on the port of a first one, both with shared sockets.
    const first = await shared();
    await expect(listenShared(hello, first.address.port, HOST)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('closes every socket: the port refuses connections afterwards', async () => {
    const listening = await listenShared(hello, 0, HOST);
    await listening.close();
    const refused = await new Promise<string | undefined>((resolve) => {
      const socket = connect(listening.address.port, HOST);
      socket.once('connect', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
