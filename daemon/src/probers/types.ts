// The contract between the scheduler and the probers (issue: probers). A
// prober turns a monitor spec into a ProbeResult; a failure of the target is
// data (`state: 'down'` with a typed reason), never an exception (docs/conventions.md §3).
import type { FailureKind, HttpMethod, MonitorKind } from '@sla/shared';

export interface ProbeContext {
  /** Per-probe deadline combined with the scheduler's shutdown signal. */
  signal: AbortSignal;
  /** Epoch ms, injected so certificate expiry is judged against the scheduler's clock. */
  now: () => number;
  /** ms, performance.now-like: durations never jump with the wall clock. */
  monotonic: () => number;
}

export interface ProbeFailure {
  kind: FailureKind;
  message: string;
}

/**
 * Phases of a probe, in ms. `connectMs` and `tlsMs` are the durations of their
 * own phase (connectMs includes name resolution); `firstByteMs` is cumulative
 * from the probe start to the response headers (curl's time_starttransfer).
 * A phase that did not happen in this probe (reused connection) is absent.
 */
export interface ProbeTimings {
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
}

export type ProbeResult =
  | {
      state: 'up' | 'degraded';
      durationMs: number;
      timings?: ProbeTimings;
      httpStatus?: number;
      /** Epoch ms of the peer certificate's notAfter. */
      tlsNotAfter?: number;
      /** Set when degraded: kind 'latency', or 'tls' for a certificate close to expiry. */
      failure?: ProbeFailure;
    }
  | {
      state: 'down';
      durationMs: number;
      timings?: ProbeTimings;
      httpStatus?: number;
      tlsNotAfter?: number;
      failure: ProbeFailure;
    };

export type Prober<S> = (spec: S, ctx: ProbeContext) => Promise<ProbeResult>;

/**
 * An expected status: an exact code, or a class such as '2xx'. The config
 * schema supplies DEFAULT_EXPECT_STATUS when the monitor names none.
 */
export type StatusMatcher = number | `${1 | 2 | 3 | 4 | 5}xx`;
export const DEFAULT_EXPECT_STATUS: readonly StatusMatcher[] = ['2xx'];

export interface HttpSpec {
  kind: 'http';
  /** Absolute http(s) URL. */
  target: string;
  timeoutMs: number;
  /** false (default): a fresh connection per probe, so connect and TLS are measured. */
  keepAlive: boolean;
  method?: HttpMethod;
  /** Request content, sent with its content-length (the config allows it with POST, PUT and PATCH). */
  body?: string;
  /** Request headers as configured; none of framing or credentials (the config refuses those). */
  headers?: Readonly<Record<string, string>>;
  /** The Authorization header's value, made from a secret in the environment (probing/credentials.ts). */
  authorization?: string;
  /** Texts no failure message may hold: the secret and its encodings (issue #14). */
  secrets?: readonly string[];
  /** Follow 301, 302, 303, 307 and 308 (at most MAX_REDIRECTS) and judge the last answer. Default: a 3xx is the answer. */
  followRedirects?: boolean;
  expect: {
    status: StatusMatcher[];
    /** Searched in the first 64 KiB of the body, decoded as UTF-8. */
    bodyContains?: string;
    /** `path`: dotted, optional leading `$.`, numeric segments index arrays ('$.checks.0.ok'). */
    jsonPath?: { path: string; equals: string | number | boolean };
    /** A response header (name case-insensitive): present, or equal to / containing a value. */
    header?: { name: string; equals?: string; contains?: string };
    degradedAboveMs?: number;
  };
  /** Accept any certificate (self-signed, internal targets, tests). */
  tlsInsecure?: boolean;
}

export interface TcpSpec {
  kind: 'tcp';
  /** 'host:port', IPv6 as '[::1]:port'. */
  target: string;
  timeoutMs: number;
  expect: { degradedAboveMs?: number };
}

export interface TlsSpec {
  kind: 'tls';
  /** 'host:port', IPv6 as '[::1]:port'. */
  target: string;
  timeoutMs: number;
  /** SNI and the name the certificate must carry; defaults to the target host. */
  serverName?: string;
  expect: {
    /** Certificate expiring in fewer days than this → degraded (kind 'tls'). */
    degradedBelowDays?: number;
    degradedAboveMs?: number;
  };
  /** Do not require a trusted chain and matching name; expiry is still checked. */
  tlsInsecure?: boolean;
}

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

export interface DnsSpec {
  kind: 'dns';
  /** The name to resolve. */
  target: string;
  timeoutMs: number;
  /** Default 'A'. */
  recordType?: DnsRecordType;
  /** Resolver to ask, 'ip:port' ('[::1]:53' for IPv6); default: the system's. */
  server?: string;
  expect: {
    /** One answer must equal this (MX: the exchange host; TXT: the chunks joined). */
    contains?: string;
    degradedAboveMs?: number;
  };
}

export type MonitorSpec = HttpSpec | TcpSpec | TlsSpec | DnsSpec;

/** The spec of one monitor kind; the registry's map is typed with it. */
export type SpecOf<K extends MonitorKind> = Extract<MonitorSpec, { kind: K }>;
