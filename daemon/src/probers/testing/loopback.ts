// Loopback servers and contexts for the probers' tests: real sockets on
// 127.0.0.1 with listen(0), never a mock of the thing under test (docs/conventions.md §5).
import net from 'node:net';
import { Worker } from 'node:worker_threads';
import type { ProbeContext } from '../types.ts';

/** A context as the scheduler builds it: the deadline is the signal. */
export function probeContext(timeoutMs: number, now: () => number = Date.now): ProbeContext {
  return { signal: AbortSignal.timeout(timeoutMs), now, monotonic: () => performance.now() };
}

// Open connections per server: close() waits for them, so stop() ends them.
const openSockets = new WeakMap<net.Server, Set<net.Socket>>();

export async function listen(server: net.Server): Promise<number> {
  const sockets = new Set<net.Socket>();
  openSockets.set(server, sockets);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Closes the server and every connection it still holds. */
export async function stop(server: net.Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  openSockets.get(server)?.forEach((socket) => { socket.destroy(); });
  await closed;
}

/** A port that was just bound and released: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await stop(server);
  return port;
}

/** Counts TCP connections accepted, to tell a reused connection from a new one. */
export function countConnections(server: net.Server): () => number {
  let count = 0;
  server.on('connection', () => (count += 1));
  return () => count;
}

/** A TCP server that accepts and never writes: a hung service. */
export function silentServer(): net.Server {
  return net.createServer();
}

// The listener lives in a worker whose event loop is blocked in Atomics.wait,
// so it never calls accept(): once its backlog of 1 is full, Linux drops new
// SYNs and a connect hangs until the caller's deadline, deterministically.
const STALLED_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require('node:net').createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  Atomics.wait(new Int32Array(workerData), 0, 0);
  process.exit(0);
});`;

/** A port whose handshakes hang: the listener's accept queue is full. */
export async function stalledListener(): Promise<{ port: number; close: () => Promise<void> }> {
  const wake = new SharedArrayBuffer(4);
  const worker = new Worker(STALLED_WORKER, { eval: true, workerData: wake });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const fillers: net.Socket[] = [];
  let full = false;
  // Fill the accept queue: stop at the first connect that does not complete.
  for (let i = 0; i < 16 && !full; i++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    fillers.push(socket);
    const connected = await Promise.race([
      new Promise<boolean>((resolve) => socket.once('connect', () => resolve(true))),
      new Promise<boolean>((resolve) => setTimeout(resolve, 200, false)),
    ]);
    full = !connected;
  }
  if (!full) throw new Error('the accept queue never filled: is this Linux?');
  return {
    port,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      Atomics.store(new Int32Array(wake), 0, 1);
      Atomics.notify(new Int32Array(wake), 0);
      await exited;
    },
  };
}
