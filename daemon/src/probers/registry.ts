// Monitor kind → prober, one registration line each (blackbox_exporter's
// `Probers` map). The map's type requires an entry for every MONITOR_KINDS kind.
import type { MonitorKind } from '@sla/shared';
import { probeDns } from './dns.ts';
import { createHttpProber } from './http.ts';
import { createDispatcherPool } from './http-dispatchers.ts';
import { probeTcp } from './tcp.ts';
import { probeTls } from './tls.ts';
import type { MonitorSpec, ProbeContext, Prober, ProbeResult, SpecOf } from './types.ts';

export type ProberMap = { [K in MonitorKind]: Prober<SpecOf<K>> };

export interface Probers extends AsyncDisposable {
  readonly byKind: ProberMap;
  /** Runs the prober of `spec.kind`. */
  probe: (spec: MonitorSpec, ctx: ProbeContext) => Promise<ProbeResult>;
  /** Closes kept-alive HTTP connections; call once at shutdown. */
  close: () => Promise<void>;
}

/** One set per daemon: it owns the keep-alive connection pool (no module-level state). */
export function createProbers(): Probers {
  const pool = createDispatcherPool();
  const byKind: ProberMap = {
    http: createHttpProber(pool),
    tcp: probeTcp,
    tls: probeTls,
    dns: probeDns,
  };
  return {
    byKind,
    // The union spec cannot index a map of per-kind functions without one cast.
    probe: (spec, ctx) => (byKind[spec.kind] as Prober<MonitorSpec>)(spec, ctx),
    close: pool.close,
    [Symbol.asyncDispose]: pool.close,
  };
}
