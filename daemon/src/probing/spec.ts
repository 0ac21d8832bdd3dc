import type { MonitorConfig } from '@sla/shared';
import type { MonitorSpec } from '../probers/types.ts';

/** The prober's view of a configured monitor: durations already in ms, names with units. */
export function toSpec(m: MonitorConfig): MonitorSpec {
  switch (m.kind) {
    case 'http':
      return {
        kind: 'http',
        target: m.target,
        timeoutMs: m.timeout,
        keepAlive: m.keepAlive,
        method: m.method,
        tlsInsecure: m.tlsInsecure,
        expect: { status: m.expect.status as never, bodyContains: m.expect.bodyContains, jsonPath: m.expect.jsonPath, degradedAboveMs: m.expect.degradedAbove },
      };
    case 'tcp':
      return { kind: 'tcp', target: m.target, timeoutMs: m.timeout, expect: { degradedAboveMs: m.expect.degradedAbove } };
    case 'tls':
      return {
        kind: 'tls',
        target: m.target,
        timeoutMs: m.timeout,
        serverName: m.serverName,
        tlsInsecure: m.tlsInsecure,
        expect: { degradedBelowDays: m.expect.degradedBelowDays, degradedAboveMs: m.expect.degradedAbove },
      };
    case 'dns':
      return {
        kind: 'dns',
        target: m.target,
        timeoutMs: m.timeout,
        recordType: m.recordType,
        server: m.server,
        expect: { contains: m.expect.contains, degradedAboveMs: m.expect.degradedAbove },
      };
  }
}
