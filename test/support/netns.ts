import { execFileSync } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

// Issue #14: a location whose network is really cut. A network namespace with
// a veth link to this host: processes run inside it (`ip netns exec`) reach
// the host at `hostIp` (services the test forwards there, such as the
// database) and at `serviceIp` (the targets), and `cut()` makes `serviceIp`
// unreachable from inside with a route — the kernel answers EHOSTUNREACH, as
// a dead link does — while the database stays reachable. Needs CAP_NET_ADMIN
// (root in CI's container); `netnsAvailable()` says whether this machine has it.

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

let probed: boolean | undefined;
/** Whether this process may create network namespaces (tried once). */
export function netnsAvailable(): boolean {
  if (probed !== undefined) return probed;
  const name = `sla-probe-${process.pid}`;
  try {
    ip('netns', 'add', name);
    ip('netns', 'del', name);
    probed = true;
  } catch {
    probed = false;
  }
  return probed;
}

export interface NetworkNamespace {
  name: string;
  /** This host as seen from inside: where forwarded services listen. */
  hostIp: string;
  /** This host's second address, where the targets are reached from inside. */
  serviceIp: string;
  /** The command prefix that runs a program inside. */
  exec: string[];
  /** From inside, `serviceIp` becomes unreachable (the database at `hostIp` stays). */
  cut: () => void;
  close: () => void;
}

export function networkNamespace(): NetworkNamespace {
  const n = process.pid % 250;
  const name = `sla-${process.pid}`;
  const [outside, inside] = [`slah${process.pid}`, `slan${process.pid}`].map((s) => s.slice(0, 15));
  const [hostIp, serviceIp, nsIp] = [`10.231.${n}.1`, `10.231.${n}.3`, `10.231.${n}.2`];
  ip('netns', 'add', name);
  try {
    ip('link', 'add', outside!, 'type', 'veth', 'peer', 'name', inside!);
    ip('link', 'set', inside!, 'netns', name);
    ip('addr', 'add', `${hostIp}/24`, 'dev', outside!);
    ip('addr', 'add', `${serviceIp}/24`, 'dev', outside!);
    ip('link', 'set', outside!, 'up');
    const inNs = (...args: string[]) => ip('netns', 'exec', name, 'ip', ...args);
    inNs('addr', 'add', `${nsIp}/24`, 'dev', inside!);
    inNs('link', 'set', inside!, 'up');
    inNs('link', 'set', 'lo', 'up');
    return {
      name,
      hostIp,
      serviceIp,
      exec: ['ip', 'netns', 'exec', name],
      cut: () => inNs('route', 'add', 'unreachable', `${serviceIp}/32`),
      close: () => remove(name, outside!),
    };
  } catch (error) {
    remove(name, outside!);
    throw error;
  }
}

function remove(name: string, link: string) {
  // Deleting the namespace deletes its end of the veth pair, and with it ours.
  try {
    ip('netns', 'del', name);
  } catch {}
  try {
    ip('link', 'del', link);
  } catch {}
}

/** Forwards TCP connections from `host:port` to `to`: the database on loopback, reached from a namespace. */
export async function tcpForward(host: string, to: { host: string; port: number }): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(to);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
