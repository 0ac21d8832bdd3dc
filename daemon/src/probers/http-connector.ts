// An undici connector that times the phases of each new connection. Socket
// events are cheap and exact per connection, where undici's diagnostics
// channels are process-wide and would need matching back to the probe.
import type tls from 'node:tls';
import type { buildConnector } from 'undici';
import { undici } from './undici.ts';

/** What one new connection taught us: phase durations (ms) and the peer certificate's expiry. */
export interface ConnectionFacts {
  connectMs?: number;
  tlsMs?: number;
  tlsNotAfter?: number;
}

export interface TimedConnectorOptions {
  timeoutMs: number;
  tlsInsecure: boolean;
  monotonic: () => number;
  /** Called once per successful connection. */
  onConnected: (facts: ConnectionFacts) => void;
}

export function createTimedConnector(options: TimedConnectorOptions): buildConnector.connector {
  const connect = undici().buildConnector({
    // Backstop for callers without a deadline signal; the probe's own signal normally wins.
    timeout: options.timeoutMs,
    rejectUnauthorized: !options.tlsInsecure,
  });
  return (params, callback) => {
    const start = options.monotonic();
    const facts: ConnectionFacts = {};
    const socket = connect(params, (error, connected) => {
      if (error === null && params.protocol === 'https:') {
        facts.tlsMs = options.monotonic() - start - (facts.connectMs ?? 0);
        facts.tlsNotAfter = (connected as tls.TLSSocket).getPeerX509Certificate()?.validToDate.getTime();
      }
      if (error === null) options.onConnected(facts);
      (callback as (...args: unknown[]) => void)(error, connected);
    }) as unknown as tls.TLSSocket | undefined;
    // undici's connector returns its socket; a TLSSocket too emits 'connect' once TCP is up.
    socket?.once('connect', () => (facts.connectMs = options.monotonic() - start));
  };
}
