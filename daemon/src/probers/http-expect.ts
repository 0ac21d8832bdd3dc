// What an HTTP answer must look like: status, then a header (issue #14), then
// body text, then one JSON value. Pure functions, except the body read, so
// the rules test as tables.
import type { Readable } from 'node:stream';
import type { HttpSpec, ProbeFailure, StatusMatcher } from './types.ts';

type Expect = HttpSpec['expect'];

/** Enough for a health endpoint; bounds memory and time per probe. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** A code matches itself; '2xx' matches 200–299. */
export function statusMatches(status: number, matchers: readonly StatusMatcher[]): boolean {
  return matchers.some((m) => (typeof m === 'number' ? m === status : Math.floor(status / 100) === Number(m[0])));
}

export function statusFailure(status: number, expect: Expect): ProbeFailure | undefined {
  if (statusMatches(status, expect.status)) return undefined;
  return { kind: 'status', message: `status ${status}, expected ${expect.status.join(' or ')}` };
}

/**
 * The expected header: present, then equal to or containing its value. A
 * header is part of the answer's content, like the body: kind 'body'.
 * `headers`: lowercase names, repeated values joined by ", " (RFC 9110 §5.3).
 */
export function headerFailure(headers: ReadonlyMap<string, string>, expect: Expect): ProbeFailure | undefined {
  const want = expect.header;
  if (want === undefined) return undefined;
  const value = headers.get(want.name.toLowerCase());
  if (value === undefined) return { kind: 'body', message: `no ${want.name} header` };
  if (want.equals !== undefined && value !== want.equals)
    return { kind: 'body', message: `header ${want.name} is ${quote(value)}, expected ${quote(want.equals)}` };
  if (want.contains !== undefined && !value.includes(want.contains))
    return { kind: 'body', message: `header ${want.name} is ${quote(value)}, which does not contain ${quote(want.contains)}` };
  return undefined;
}

/** Lowercase names of the response headers a probe reads: the expected one, and where redirects lead. */
export function headersToKeep(spec: Pick<HttpSpec, 'expect' | 'followRedirects'>): string[] {
  const names = spec.followRedirects === true ? ['location'] : [];
  if (spec.expect.header !== undefined) names.push(spec.expect.header.name.toLowerCase());
  return names;
}

// Not shortened here: the prober redacts secrets from the whole message, then bounds it (redact.ts).
const quote = (text: string) => `'${text}'`;

/** Whether the body checks need the body at all (otherwise it is only drained). */
export function needsBody(expect: Expect): boolean {
  return expect.bodyContains !== undefined || expect.jsonPath !== undefined;
}

/** Reads at most `limitBytes`, then stops the stream (undici then drops that connection). */
export async function readCapped(body: Readable, limitBytes = BODY_LIMIT_BYTES): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limitBytes) break; // leaving the loop destroys the stream
  }
  const text = Buffer.concat(chunks).subarray(0, limitBytes).toString('utf8');
  return { text, truncated: size > limitBytes };
}

export function bodyFailure(text: string, truncated: boolean, expect: Expect): ProbeFailure | undefined {
  const suffix = truncated ? ` (in the first ${BODY_LIMIT_BYTES} bytes)` : '';
  if (expect.bodyContains !== undefined && !text.includes(expect.bodyContains)) {
    return { kind: 'body', message: `body does not contain '${expect.bodyContains}'${suffix}` };
  }
  if (expect.jsonPath === undefined) return undefined;
  const { path, equals } = expect.jsonPath;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { kind: 'body', message: `body is not JSON${suffix}` };
  }
  const found = jsonPathGet(document, path);
  if (found === equals) return undefined;
  const actual = found === undefined ? 'missing' : JSON.stringify(found);
  return { kind: 'body', message: `${path} is ${actual}, expected ${JSON.stringify(equals)}` };
}

/**
 * A small subset of JSONPath, enough for health endpoints: '$.a.b', 'a.b',
 * 'checks.0.ok' or 'checks[0].ok'. Keys containing dots cannot be addressed.
 */
export function jsonPathGet(document: unknown, path: string): unknown {
  const dotted = path.replace(/\[(\d+)\]/g, '.$1').replace(/^\$\.?/, '');
  if (dotted === '') return document;
  let value: unknown = document;
  for (const segment of dotted.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
