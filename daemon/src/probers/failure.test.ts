import { FAILURE_KINDS } from '@sla/shared';
import { describe, expect, it } from 'vitest';
import { failureFromError, kindOfCode } from './failure.ts';

function withCode(code: string, message = `boom ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

describe('kindOfCode', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ENODATA', 'dns'],
    ['ESERVFAIL', 'dns'],
    ['ETIMEOUT', 'timeout'],
    ['ECANCELLED', 'timeout'],
    ['ETIMEDOUT', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['UND_ERR_ABORTED', 'timeout'],
    ['TimeoutError', 'timeout'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    // Issue #14: a server that does not speak TLS answered; it is not the certificate.
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'protocol'],
    ['ERR_SSL_UNEXPECTED_MESSAGE', 'protocol'],
    ['ERR_SSL_DATA_LENGTH_TOO_LONG', 'protocol'],
    ['ERR_SSL_SSL/TLS_ALERT_HANDSHAKE_FAILURE', 'tls'],
    ['EPROTO', 'tls'],
    ['ECONNRESET', 'network'],
    ['EHOSTUNREACH', 'network'],
    ['ENETUNREACH', 'network'],
    ['EPIPE', 'network'],
    ['UND_ERR_SOCKET', 'network'],
    // Issue #14: the target answered, in something that is not its protocol.
    ['HTTPParserError', 'protocol'],
    ['HPE_INVALID_CONSTANT', 'protocol'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'protocol'],
    ['UND_ERR_HEADERS_OVERFLOW', 'protocol'],
    ['HTTP_MALFORMED_RESPONSE', 'protocol'],
    ['EBADRESP', 'protocol'],
  ] as const)('%s → %s', (code, kind) => {
    expect(kindOfCode(code)).toBe(kind);
    expect(FAILURE_KINDS).toContain(kind);
  });

  it('does not guess for codes it does not know', () => {
    expect(kindOfCode('ERR_SOMETHING_NEW')).toBeUndefined();
  });
});

describe('failureFromError', () => {
  it('keeps the message and adds the code when the message lacks it', () => {
    expect(failureFromError(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'))).toEqual({
      kind: 'refused',
      message: 'connect ECONNREFUSED 127.0.0.1:1',
    });
    expect(failureFromError(withCode('CERT_HAS_EXPIRED', 'certificate has expired'))).toEqual({
      kind: 'tls',
      message: 'CERT_HAS_EXPIRED: certificate has expired',
    });
  });

  it('reads DOMException names (AbortSignal.timeout reasons)', () => {
    const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(failureFromError(reason).kind).toBe('timeout');
  });

  it('says timeout once the signal fired, whatever the socket reported after', () => {
    const signal = AbortSignal.abort(new DOMException('deadline', 'TimeoutError'));
    expect(failureFromError(withCode('ECONNRESET'), signal)).toEqual({ kind: 'timeout', message: 'deadline' });
  });

  it('looks through cause chains and AggregateErrors (happy eyeballs)', () => {
    const wrapped = Object.assign(new Error('fetch failed'), { cause: withCode('ENOTFOUND') });
    expect(failureFromError(wrapped).kind).toBe('dns');
    const aggregate = new AggregateError([withCode('ECONNREFUSED'), withCode('ENETUNREACH')], 'all failed');
    expect(failureFromError(aggregate).kind).toBe('refused');
  });

  it('reads undici parser errors, which carry no code, by name (issue #14)', () => {
    const parser = Object.assign(new Error('Response does not match the HTTP/1.1 protocol (Invalid header token)'), { name: 'HTTPParserError', code: undefined });
    expect(failureFromError(parser)).toEqual({ kind: 'protocol', message: 'HTTPParserError: Response does not match the HTTP/1.1 protocol (Invalid header token)' });
  });

  it('falls back to network for unknown errors and non-errors', () => {
    expect(failureFromError(withCode('ERR_SOMETHING_NEW')).kind).toBe('network');
    expect(failureFromError('weird')).toEqual({ kind: 'network', message: 'weird' });
  });

  it('bounds long messages', () => {
    expect(failureFromError(withCode('ECONNRESET', 'x'.repeat(1000))).message.length).toBeLessThanOrEqual(301);
  });
});
