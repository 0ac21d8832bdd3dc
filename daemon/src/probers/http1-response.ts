// An incremental parser for the one HTTP/1.1 response of a probe's own
// connection (issue #7: undici's Client cost twice the CPU of a bare socket
// per probe). It knows what a probe needs — status, body framing (RFC 9112
// §6.3: none, Content-Length, chunked, or until close) and the body bytes —
// and refuses anything ambiguous instead of guessing. No sockets here: the
// caller feeds it what arrives (http-plain.ts).

/** Headers larger than this are refused, as undici and Node's server do (16 KiB). */
export const MAX_HEADER_BYTES = 16 * 1024;

export class MalformedResponse extends Error {
  readonly code = 'HTTP_MALFORMED_RESPONSE';
}

export interface ResponseParser {
  /** Feeds received bytes; true once the response is complete (later bytes are ignored). */
  push: (chunk: Buffer) => boolean;
  /** The peer closed: true when that completes the response (read-until-close body), false when it cut it short. */
  end: () => boolean;
  /** undefined until the final (non-1xx) status line and headers are in. */
  status: () => number | undefined;
  /** Body bytes seen so far, kept or not. */
  bodyBytes: () => number;
  /** The body bytes kept (at most `keepBytes` + one chunk), in order. */
  body: () => Buffer[];
  /** The final response's values of the `keepHeaders` it had, repeated ones joined by ", " (RFC 9110 §5.3). */
  headers: () => ReadonlyMap<string, string>;
}

type Framing = { kind: 'none' } | { kind: 'length'; left: number } | { kind: 'chunked' } | { kind: 'close' };

const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: [^\r\n]*)?$/;
const NUL_OR_CR = /[\0\r]/;
const LF = 0x0a;
const CR = 0x0d;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;[^\r\n]*)?$/;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * `head`: the request was HEAD, so no body follows whatever the headers say.
 * `keepBytes`: body bytes to keep for the caller's checks (0: count them only).
 * `keepHeaders`: lowercase names of headers the caller reads (issue #14: an
 * expected header, a redirect's location).
 */
export function createResponseParser(o: { head: boolean; keepBytes: number; keepHeaders?: readonly string[] }): ResponseParser {
  let pending: Buffer | undefined; // bytes not yet parsed (head, or chunked framing)
  let status: number | undefined;
  let framing: Framing | undefined;
  let chunkLeft = 0; // chunked: data bytes left in the current chunk; -1 when its CRLF is next
  let inTrailers = false;
  let done = false;
  let seen = 0;
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let headers = new Map<string, string>();

  const take = (data: Buffer) => {
    if (data.length === 0) return;
    seen += data.length;
    if (keptBytes < o.keepBytes) {
      kept.push(data);
      keptBytes += data.length;
    }
  };

  /** Parses one head from `pending`; false when it is not all in yet. */
  const parseHead = (): boolean => {
    const buffer = pending!;
    const end = buffer.indexOf(HEAD_END);
    // Issue #12: a head of bare LFs never met HEAD_END and the probe waited
    // for its timeout. RFC 9112 §2.2 lets a recipient refuse them; we do, as
    // with everything ambiguous.
    for (let at = buffer.indexOf(LF); at >= 0 && (end < 0 || at < end); at = buffer.indexOf(LF, at + 1))
      if (at === 0 || buffer[at - 1] !== CR) throw new MalformedResponse('bare LF in the response head');
    if (end < 0) {
      if (buffer.length > MAX_HEADER_BYTES) throw new MalformedResponse(`response headers larger than ${MAX_HEADER_BYTES} bytes`);
      return false;
    }
    if (end > MAX_HEADER_BYTES) throw new MalformedResponse(`response headers larger than ${MAX_HEADER_BYTES} bytes`);
    const lines = buffer.toString('latin1', 0, end).split('\r\n');
    const statusLine = STATUS_LINE.exec(lines[0]!);
    const code = statusLine?.[2];
    if (code === undefined) throw new MalformedResponse(`not an HTTP/1.x status line: ${JSON.stringify(lines[0]!.slice(0, 60))}`);
    let length: string | undefined;
    let encodings: string[] | undefined;
    const found = new Map<string, string>();
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon) : '';
      if (!TOKEN.test(name)) throw new MalformedResponse(`malformed header line: ${JSON.stringify(line.slice(0, 60))}`);
      // RFC 9110 §5.5: NUL and CR are never part of a field value (issue #12).
      if (NUL_OR_CR.test(line)) throw new MalformedResponse(`NUL or CR in a header value: ${JSON.stringify(name)}`);
      const lower = name.toLowerCase();
      if (o.keepHeaders?.includes(lower)) {
        const value = line.slice(colon + 1).trim();
        const before = found.get(lower);
        found.set(lower, before === undefined ? value : `${before}, ${value}`);
      }
      if (lower === 'content-length') {
        const value = line.slice(colon + 1).trim();
        // A list of equal values is one value (RFC 9110 §8.6); differing values are a smuggling risk.
        for (const part of value.split(',')) {
          const v = part.trim();
          if (!/^\d{1,15}$/.test(v) || (length !== undefined && length !== v)) throw new MalformedResponse(`invalid content-length: ${JSON.stringify(value.slice(0, 40))}`);
          length = v;
        }
      } else if (lower === 'transfer-encoding') {
        encodings = [...(encodings ?? []), ...line.slice(colon + 1).split(',').map((e) => e.trim().toLowerCase()).filter((e) => e !== '')];
      }
    }
    pending = buffer.length > end + 4 ? buffer.subarray(end + 4) : undefined;
    const statusCode = Number(code);
    if (statusCode < 200) {
      // 100 Continue, 103 Early Hints: a final response follows. 101 would switch protocols we never asked for.
      if (statusCode === 101) throw new MalformedResponse('101 Switching Protocols without an upgrade request');
      return true;
    }
    status = statusCode;
    headers = found; // the final response's, not a 1xx's
    // RFC 9112 §6.1: transfer-encoding in an HTTP/1.0 message is faulty framing (issue #12).
    if (encodings !== undefined && statusLine![1] === '0') throw new MalformedResponse('transfer-encoding in an HTTP/1.0 response');
    if (encodings !== undefined && length !== undefined) throw new MalformedResponse('both transfer-encoding and content-length');
    if (o.head || statusCode === 204 || statusCode === 304) framing = { kind: 'none' };
    else if (encodings !== undefined) {
      if (encodings.at(-1) !== 'chunked') framing = { kind: 'close' };
      else if (encodings.indexOf('chunked') !== encodings.length - 1) throw new MalformedResponse('chunked applied twice');
      else framing = { kind: 'chunked' };
    } else if (length !== undefined) framing = { kind: 'length', left: Number(length) };
    else framing = { kind: 'close' };
    return true;
  };

  /** Chunked framing from `pending`, as far as it goes; true at the end of the trailers. */
  const parseChunks = (): boolean => {
    while (pending !== undefined && pending.length > 0) {
      const buffer: Buffer = pending;
      if (chunkLeft > 0) {
        const data = buffer.subarray(0, Math.min(chunkLeft, buffer.length));
        take(data);
        chunkLeft -= data.length;
        if (chunkLeft === 0) chunkLeft = -1;
        pending = buffer.subarray(data.length);
        continue;
      }
      const eol = buffer.indexOf(CRLF);
      if (eol < 0) {
        if (buffer.length > MAX_HEADER_BYTES) throw new MalformedResponse('chunk framing line too long');
        return false;
      }
      const line = buffer.toString('latin1', 0, eol);
      pending = buffer.subarray(eol + 2);
      if (chunkLeft === -1) {
        if (line !== '') throw new MalformedResponse('chunk data longer than its size');
        chunkLeft = 0;
      } else if (inTrailers) {
        if (line === '') return true;
      } else {
        const size = CHUNK_SIZE.exec(line)?.[1];
        if (size === undefined) throw new MalformedResponse(`invalid chunk size line: ${JSON.stringify(line.slice(0, 40))}`);
        chunkLeft = Number.parseInt(size, 16);
        if (chunkLeft === 0) inTrailers = true;
      }
    }
    return false;
  };

  const advance = (): boolean => {
    while (status === undefined) {
      if (pending === undefined || !parseHead()) return false;
    }
    switch (framing!.kind) {
      case 'none':
        return true;
      case 'close':
        if (pending !== undefined) take(pending);
        pending = undefined;
        return false;
      case 'length': {
        const f = framing as { left: number };
        if (pending !== undefined) {
          const data = pending.subarray(0, Math.min(f.left, pending.length));
          take(data);
          f.left -= data.length;
          pending = undefined; // bytes past the body are ignored: we asked for one response
        }
        return f.left === 0;
      }
      case 'chunked':
        return parseChunks();
    }
  };

  return {
    push(chunk) {
      if (done) return true;
      pending = pending === undefined || pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      done = advance();
      return done;
    },
    end() {
      if (!done && status !== undefined && framing?.kind === 'close') done = true;
      return done;
    },
    status: () => status,
    bodyBytes: () => seen,
    body: () => kept,
    headers: () => headers,
  };
}
