// TCP prober: the target is up when a connection is established (blackbox
// exporter's tcp module without query/response). Measures name resolution +
// handshake as connectMs.
import net from 'node:net';
import { untilAborted } from './deadline.ts';
import { failureFromError } from './failure.ts';
import { down, up } from './outcome.ts';
import { parseHostPort } from './target.ts';
import type { Prober, TcpSpec } from './types.ts';

export const probeTcp: Prober<TcpSpec> = async (spec, ctx) => {
  const { host, port } = parseHostPort(spec.target);
  const start = ctx.monotonic();
  const socket = new net.Socket();
  try {
    await untilAborted(connect(socket, host, port), ctx.signal);
    const durationMs = ctx.monotonic() - start;
    return up(durationMs, { timings: { connectMs: durationMs } }, spec.expect.degradedAboveMs);
  } catch (error) {
    return down(ctx.monotonic() - start, failureFromError(error, ctx.signal));
  } finally {
    // Also ends a connection still in progress when the deadline fired.
    socket.destroy();
  }
};

function connect(socket: net.Socket, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.on('error', reject); // `on`: a late second error must not go unhandled
    socket.connect({ host, port });
  });
}
