// Which undici Client a probe uses. Default: a fresh Client per probe, closed
// afterwards, so connect and TLS time are part of what is measured (as the
// blackbox exporter does). keepAlive: one long-lived Client per origin, shared
// by probes, closed by close() at shutdown.
import type { Client } from 'undici';
import { createTimedConnector, type ConnectionFacts } from './http-connector.ts';
import { undici } from './undici.ts';
import type { HttpSpec } from './types.ts';

// Probe intervals are tens of seconds; undici's 4 s idle default would close
// the kept connection between two probes. A server's Keep-Alive hint still wins.
const KEEP_ALIVE_IDLE_MS = 5 * 60_000;

// Given to destroy() of a one-probe Client. undici makes a new error (and Node's
// streams format its stack) for every destroy without one: about a tenth of a
// probe's CPU in the probes bench's profile. Nothing is pending at that point,
// so nobody receives it.
const PROBE_DONE = new Error('probe finished: its own connection is closed');

export interface Lease {
  client: Client;
  /** true: the origin's kept-alive Client, shared with other probes; its connection may predate this probe. */
  shared: boolean;
  /** Facts of the connection opened since acquire(), if one was. */
  connectionSince: () => ConnectionFacts | undefined;
  /** The latest connection's facts, even if opened by an earlier probe. */
  latestConnection: () => ConnectionFacts | undefined;
  release: () => Promise<void>;
}

export interface DispatcherPool {
  /** A Client for `origin` (the target's, or where a redirect leads) with the spec's timeouts and trust. */
  acquire: (spec: HttpSpec, origin: string, monotonic: () => number) => Lease;
  close: () => Promise<void>;
}

/** A Client and what its connector saw; `monotonic` follows the latest probe's clock. */
interface Entry {
  client: Client;
  monotonic: () => number;
  connections: number;
  latest?: ConnectionFacts;
}

export function createDispatcherPool(): DispatcherPool {
  const entries = new Map<string, Entry>();
  return {
    acquire(spec, origin, monotonic) {
      if (!spec.keepAlive) {
        const entry = newEntry(origin, spec, monotonic, false);
        return lease(entry, false, () => entry.client.destroy(PROBE_DONE));
      }
      // Timeouts and trust are per Client, so they are part of the key.
      const key = `${origin} ${spec.timeoutMs} ${spec.tlsInsecure === true}`;
      let entry = entries.get(key);
      if (!entry || entry.client.destroyed || entry.client.closed) {
        entry = newEntry(origin, spec, monotonic, true);
        entries.set(key, entry);
      }
      entry.monotonic = monotonic;
      return lease(entry, true, async () => {});
    },
    async close() {
      const clients = [...entries.values()].map((entry) => entry.client);
      entries.clear();
      await Promise.all(clients.map((client) => client.destroy()));
    },
  };
}

function lease(entry: Entry, shared: boolean, release: () => Promise<void>): Lease {
  const before = entry.connections;
  return {
    client: entry.client,
    shared,
    // Two overlapping probes of one origin could swap these; rare, and only timings.
    connectionSince: () => (entry.connections !== before ? entry.latest : undefined),
    latestConnection: () => entry.latest,
    release,
  };
}

function newEntry(origin: string, spec: HttpSpec, monotonic: () => number, keepAlive: boolean): Entry {
  const seen: Omit<Entry, 'client'> = { monotonic, connections: 0 };
  const connect = createTimedConnector({
    timeoutMs: spec.timeoutMs,
    tlsInsecure: spec.tlsInsecure ?? false,
    monotonic: () => seen.monotonic(),
    onConnected: (facts) => {
      seen.connections += 1;
      seen.latest = facts;
    },
  });
  const client = new (undici().Client)(origin, {
    connect,
    // Backstops for callers without a deadline signal; the probe's signal normally wins.
    headersTimeout: spec.timeoutMs,
    bodyTimeout: spec.timeoutMs,
    ...(keepAlive ? { keepAliveTimeout: KEEP_ALIVE_IDLE_MS, keepAliveMaxTimeout: KEEP_ALIVE_IDLE_MS } : {}),
  });
  return Object.assign(seen, { client });
}
