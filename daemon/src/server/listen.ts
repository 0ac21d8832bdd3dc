import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Issue #5 (a crowd arriving at once): libuv accepts one connection per turn
// of the event loop (libuv PR #3696, "don't accept() connections in a
// loop"). Under a crowd a turn answers a few hundred sockets and takes
// 10–20 ms, so new visitors were let in at ~60 a second: in the status
// bench, part of a burst of 256 new connections waited 1–2 s in the kernel's
// accept queue while the daemon answered the connections it had. Several
// listening sockets on one port (SO_REUSEPORT; the kernel spreads new
// connections across them) accept one each per turn.

/** Listening sockets on the daemon's port: 256 new connections are all accepted within about a dozen turns. */
export const ACCEPTORS = 32;

export interface Listening {
  address: AddressInfo;
  /** The listening servers, one per socket. */
  servers: readonly Server[];
  /** Stops accepting on every socket and ends every connection. */
  close: () => Promise<void>;
}

/**
 * Serves `listener` on `port` (0: any free port) through `acceptors`
 * listening sockets. The port is first bound alone, without SO_REUSEPORT, so
 * a port another process holds — a second daemon started by mistake
 * included — still fails with EADDRINUSE instead of being shared with it.
 * Where SO_REUSEPORT is not supported, one socket serves.
 */
export async function listenShared(listener: RequestListener, port: number, host: string, acceptors = ACCEPTORS): Promise<Listening> {
  const servers: Server[] = [];
  const closeAll = () => Promise.all(servers.splice(0).map(close));
  try {
    const alone = await listenOne(listener, port, host, false);
    if (acceptors <= 1) servers.push(alone);
    else {
      // The address the name resolved to once (`localhost` may resolve to ::1 or 127.0.0.1): every socket on the same one.
      const { address: ip, port: chosen } = alone.address() as AddressInfo;
      await close(alone);
      for (let i = 0; i < acceptors; i++) {
        try {
          servers.push(await listenOne(listener, chosen, ip, true));
        } catch (error) {
          // No SO_REUSEPORT here (the first socket fails): one socket, as before.
          if (i > 0 || !unsupported(error)) throw error;
          servers.push(await listenOne(listener, chosen, ip, false));
          break;
        }
      }
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return { address: servers[0]!.address() as AddressInfo, servers: [...servers], close: async () => void (await closeAll()) };
}

function listenOne(listener: RequestListener, port: number, host: string, reusePort: boolean): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(listener);
    server.once('error', reject);
    server.listen({ port, host, reusePort }, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function unsupported(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ERR_INVALID_ARG_VALUE' || code === 'ENOPROTOOPT';
}
