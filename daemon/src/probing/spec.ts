import type { Env, MonitorConfig } from '@sla/shared';
import type { MonitorSpec } from '../probers/types.ts';
import { credentials } from './credentials.ts';

/**
 * The prober's view of a configured monitor: durations already in ms, names
 * with units, and the secrets of `auth` read from `env` (issue #14).
 */
export function toSpec(m: MonitorConfig, env: Env = process.env): MonitorSpec {
  switch (m.kind) {
    case 'http':
      return {
        kind: 'http',
        target: m.target,
        timeoutMs: m.timeout,
        keepAlive: m.keepAlive,
        method: m.method,
        body: m.body,
        headers: m.headers,
        ...credentials(m.auth, env),
        followRedirects: m.followRedirects,
        tlsInsecure: m.tlsInsecure,
        expect: {
          status: m.expect.status as never,
          bodyContains: m.expect.bodyContains,
          jsonPath: m.expect.jsonPath,
          header: m.expect.header,
          degradedAboveMs: m.expect.degradedAbove,
        },
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
