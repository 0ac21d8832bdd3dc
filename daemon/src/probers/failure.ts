// One place that turns what Node, undici and c-ares throw into the closed set
// of FAILURE_KINDS, so every prober reports the same reason for the same cause.
import type { FailureKind } from '@sla/shared';
import type { ProbeFailure } from './types.ts';

/** Error codes (err.code, or err.name for DOMExceptions) and the failure they mean. */
const KIND_BY_CODE: Record<string, FailureKind> = {
  // Our deadline or undici's backstop timers (set to the same timeoutMs).
  TimeoutError: 'timeout',
  AbortError: 'timeout',
  ABORT_ERR: 'timeout',
  ETIMEDOUT: 'timeout',
  ETIMEOUT: 'timeout', // c-ares gave up waiting for the resolver
  ECANCELLED: 'timeout', // c-ares, after resolver.cancel() on our signal
  UND_ERR_ABORTED: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNREFUSED: 'refused', // also c-ares when the resolver port refuses
  ENOTFOUND: 'dns', // getaddrinfo, and c-ares NXDOMAIN
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  ENODATA: 'dns', // the name exists but has no record of that type
  ESERVFAIL: 'dns',
  EREFUSED: 'dns', // the resolver answered REFUSED
  EFORMERR: 'dns', // the resolver said our query was malformed
  EBADRESP: 'protocol', // a reply c-ares cannot parse: the resolver answered, the network works (issue #14)
  EBADNAME: 'dns',
  ENOTIMP: 'dns',
  EPROTO: 'tls',
  ECONNRESET: 'network',
  EPIPE: 'network',
  ECONNABORTED: 'network',
  EHOSTUNREACH: 'network',
  EHOSTDOWN: 'network',
  ENETUNREACH: 'network',
  ENETDOWN: 'network',
  EADDRNOTAVAIL: 'network',
  UND_ERR_SOCKET: 'network', // "other side closed" mid-response
  HTTP_MALFORMED_RESPONSE: 'protocol', // http1-response.ts refused what the server sent (issue #12)
  // Issue #14: what undici refuses of a response. Its parser's errors carry
  // an HPE_ code only sometimes, so their name counts too.
  HTTPParserError: 'protocol',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'protocol',
  UND_ERR_HEADERS_OVERFLOW: 'protocol',
  // Issue #14: OpenSSL could not read a TLS record at all — the server speaks
  // something else (plain HTTP on the TLS port, a banner). Alerts and
  // certificates stay 'tls' (TLS_CODE below).
  ERR_SSL_WRONG_VERSION_NUMBER: 'protocol',
  ERR_SSL_UNEXPECTED_MESSAGE: 'protocol',
  ERR_SSL_UNEXPECTED_RECORD: 'protocol',
  ERR_SSL_DATA_LENGTH_TOO_LONG: 'protocol',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'protocol',
  ERR_SSL_RECORD_LAYER_FAILURE: 'protocol',
  ERR_SSL_LENGTH_MISMATCH: 'protocol',
};

/** llhttp's error codes (HPE_INVALID_CONSTANT…), when undici passes them on. */
const PARSER_CODE = /^HPE_/;

// OpenSSL verify codes (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT,
// UNABLE_TO_VERIFY_LEAF_SIGNATURE…) and Node's TLS errors are too many to list.
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_)/;

const MAX_MESSAGE_CHARS = 300;

/** The kind a code means, or undefined when it is not one we know. */
export function kindOfCode(code: string): FailureKind | undefined {
  return KIND_BY_CODE[code] ?? (TLS_CODE.test(code) ? 'tls' : PARSER_CODE.test(code) ? 'protocol' : undefined);
}

/**
 * What a thrown error says about the target. Once our signal has fired, the
 * deadline is the cause whatever undici or the socket reported afterwards
 * (destroying a connection mid-flight produces resets and "client destroyed").
 * A shutdown abort also reads as 'timeout': the scheduler drops those results.
 */
export function failureFromError(error: unknown, signal?: AbortSignal): ProbeFailure {
  if (signal?.aborted) return { kind: 'timeout', message: bounded(describe(signal.reason, 'aborted')) };
  for (const candidate of causes(error)) {
    const code = codeOf(candidate);
    const kind = code === undefined ? undefined : kindOfCode(code);
    if (kind && code) return { kind, message: bounded(withCode(describe(error, code), code)) };
  }
  // Unknown socket-level errors: the path to the target failed somehow.
  return { kind: 'network', message: bounded(describe(error, 'unknown error')) };
}

/** The error, its `cause` chain and the first of an AggregateError's errors (happy eyeballs). */
function* causes(error: unknown): Generator<unknown> {
  for (let e = error, depth = 0; e != null && depth < 5; depth++) {
    yield e;
    const aggregate = e instanceof AggregateError ? e.errors[0] : undefined;
    e = aggregate ?? (e as { cause?: unknown }).cause;
  }
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  return typeof name === 'string' && name in KIND_BY_CODE ? name : undefined;
}

// "certificate has expired" alone hides the code an operator would search for.
function withCode(message: string, code: string): string {
  return message.includes(code) || /^[A-Z][a-z]/.test(code) ? message : `${code}: ${message}`;
}

function describe(error: unknown, fallback: string): string {
  const message = error instanceof Error || error instanceof DOMException ? error.message : String(error ?? '');
  return message === '' ? fallback : message;
}

// Messages are stored with every failed probe: keep them a line long.
export function bounded(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}
