// TLS prober: handshake with the target and judge its certificate. We always
// let the handshake finish (rejectUnauthorized: false) and decide ourselves,
// so an untrusted or expired certificate still reports its notAfter.
import net from 'node:net';
import tls from 'node:tls';
import { untilAborted } from './deadline.ts';
import { failureFromError } from './failure.ts';
import { down, up } from './outcome.ts';
import { parseHostPort } from './target.ts';
import type { ProbeFailure, Prober, ProbeResult, ProbeTimings, TlsSpec } from './types.ts';

const DAY_MS = 86_400_000;

export const probeTls: Prober<TlsSpec> = async (spec, ctx) => {
  const { host, port } = parseHostPort(spec.target);
  const serverName = spec.serverName ?? (net.isIP(host) === 0 ? host : undefined);
  const start = ctx.monotonic();
  const timings: ProbeTimings = {};
  const socket = tls.connect({ host, port, servername: serverName, rejectUnauthorized: false });
  socket.once('connect', () => (timings.connectMs = ctx.monotonic() - start));
  try {
    await untilAborted(handshake(socket), ctx.signal);
    timings.tlsMs = ctx.monotonic() - start - (timings.connectMs ?? 0);
    return judge(spec, socket, ctx.now(), ctx.monotonic() - start, timings);
  } catch (error) {
    return down(ctx.monotonic() - start, failureFromError(error, ctx.signal), { timings });
  } finally {
    socket.destroy();
  }
};

function handshake(socket: tls.TLSSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('secureConnect', () => resolve());
    socket.on('error', reject); // `on`: a late second error must not go unhandled
  });
}

/** Expiry first (against the injected clock), then trust, then closeness to expiry. */
function judge(spec: TlsSpec, socket: tls.TLSSocket, now: number, durationMs: number, timings: ProbeTimings): ProbeResult {
  const notAfter = socket.getPeerX509Certificate()?.validToDate.getTime();
  const facts = { timings, tlsNotAfter: notAfter };
  if (notAfter === undefined) return down(durationMs, { kind: 'tls', message: 'the server sent no certificate' }, facts);
  if (notAfter <= now) {
    return down(durationMs, { kind: 'tls', message: `certificate expired at ${new Date(notAfter).toISOString()}` }, facts);
  }
  if (!socket.authorized && !spec.tlsInsecure) {
    // authorizationError is an OpenSSL code or Node's ERR_TLS_CERT_ALTNAME_INVALID.
    const reason = String(socket.authorizationError ?? 'unknown reason');
    return down(durationMs, { kind: 'tls', message: `certificate not trusted: ${reason}` }, facts);
  }
  const daysLeft = (notAfter - now) / DAY_MS;
  const threshold = spec.expect.degradedBelowDays;
  const warning: ProbeFailure | undefined =
    threshold !== undefined && daysLeft < threshold
      ? { kind: 'tls', message: `certificate expires in ${daysLeft.toFixed(1)} days, below ${threshold}` }
      : undefined;
  return up(durationMs, facts, spec.expect.degradedAboveMs, warning);
}
