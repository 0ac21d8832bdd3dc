// The default HTTP probe without undici: plain http, a new connection, one
// request, one response (issue #7). Measured on one core against nginx at
// 100 probes/s in batches of 10: 0.27 ms CPU per probe here, 0.64 ms with a
// one-probe undici Client — whose pool, request and stream machinery serve
// many requests per connection, and ours has one. Everything else (https,
// keepAlive) stays on undici: planPlain() says which probes come here.
import net from 'node:net';
import { BODY_LIMIT_BYTES, headersToKeep, needsBody } from './http-expect.ts';
import { firstRequest, headerOf, sendsLength, type HttpRequest } from './http-request.ts';
import { createResponseParser } from './http1-response.ts';
import type { HttpSpec, ProbeContext, ProbeTimings } from './types.ts';

/**
 * undici's body.dump() reads this much of a body nobody checks before it drops
 * the connection, so a probe's duration includes the same transfer either way.
 */
export const DRAIN_LIMIT_BYTES = 128 * 1024;

/** What a plain probe needs, prepared once per spec: the spec of a monitor lives as long as its config. */
export interface PlainPlan {
  host: string;
  port: number;
  head: boolean;
  /** Body bytes the checks read (BODY_LIMIT_BYTES), or 0 when only the status counts. */
  keepBytes: number;
  /** Lowercase names of the response headers the checks read (issue #14). */
  keepHeaders: string[];
  request: Buffer;
}

const plans = new WeakMap<HttpSpec, PlainPlan | null>();

/** The plan for a probe's first request when this path takes it (plain http on its own connection), or undefined for undici. */
export function planPlain(spec: HttpSpec): PlainPlan | undefined {
  let plan = plans.get(spec);
  if (plan === undefined) {
    plan = planRequest(spec, firstRequest(spec)) ?? null;
    plans.set(spec, plan);
  }
  return plan ?? undefined;
}

/**
 * The plan for one request of a probe of `spec` (the first, or where a
 * redirect leads), or undefined when undici takes it: https, keepAlive.
 * Issue #14: method, headers, credentials and body go both ways alike.
 */
export function planRequest(spec: HttpSpec, request: HttpRequest): PlainPlan | undefined {
  if (spec.keepAlive) return undefined;
  const { url, method, body } = request;
  if (url.protocol !== 'http:' || url.username !== '' || url.password !== '') return undefined;
  // The request undici sends for a one-probe Client: the host (the URL's, or the monitor's Host), close, then the headers.
  const lines = [`${method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${headerOf(request, 'host') ?? url.host}`, 'connection: close'];
  for (const [name, value] of request.headers) if (name.toLowerCase() !== 'host') lines.push(`${name}: ${value}`);
  if (body !== undefined || sendsLength(method)) lines.push(`content-length: ${body?.length ?? 0}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return {
    host: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    port: url.port === '' ? 80 : Number(url.port),
    head: method === 'HEAD',
    keepBytes: needsBody(spec.expect) ? BODY_LIMIT_BYTES : 0,
    keepHeaders: headersToKeep(spec),
    request: body === undefined ? head : Buffer.concat([head, body]),
  };
}

/** An answer, as far as the probe read it. */
export interface PlainResponse {
  status: number;
  /** The first keepBytes of the body, decoded as UTF-8; only when the plan keeps bytes. */
  text?: string;
  /** The body went on past keepBytes. */
  truncated: boolean;
  /** The plan's keepHeaders that the response had. */
  headers: ReadonlyMap<string, string>;
}

export type PlainOutcome =
  | { ok: true; response: PlainResponse; timings: ProbeTimings }
  /** `status`: the headers had arrived when it failed. */
  | { ok: false; error: unknown; timings: ProbeTimings; status?: number };

/**
 * One exchange on a new socket. Resolves, never rejects: a failure of the
 * target is an outcome. The socket is destroyed before it resolves.
 */
export function exchangePlain(plan: PlainPlan, ctx: ProbeContext, start: number): Promise<PlainOutcome> {
  return new Promise((resolve) => {
    const timings: ProbeTimings = {};
    const parser = createResponseParser({ head: plan.head, keepBytes: plan.keepBytes, keepHeaders: plan.keepHeaders });
    // The first keepBytes + 1 bytes tell a body that is longer than them; a body only drained stops at DRAIN_LIMIT_BYTES.
    const enough = plan.keepBytes > 0 ? plan.keepBytes + 1 : DRAIN_LIMIT_BYTES + 1;
    let settled = false;
    const socket = net.connect({ host: plan.host, port: plan.port });

    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      const status = parser.status();
      if (status === undefined) return resolve({ ok: false, error: error ?? cutShort(), timings });
      // A body nobody checks is drained like undici's dump(): its errors do not matter.
      if (error !== undefined && plan.keepBytes > 0) return resolve({ ok: false, error, timings, status });
      const response: PlainResponse = { status, truncated: plan.keepBytes > 0 && parser.bodyBytes() > plan.keepBytes, headers: parser.headers() };
      if (plan.keepBytes > 0) response.text = Buffer.concat(parser.body()).subarray(0, plan.keepBytes).toString('utf8');
      resolve({ ok: true, response, timings });
    };
    const cutShort = () => closedEarly(parser.status() === undefined ? 'before the response headers' : 'before the response was complete');
    const onAbort = () => finish(ctx.signal.reason);
    if (ctx.signal.aborted) return finish(ctx.signal.reason);
    ctx.signal.addEventListener('abort', onAbort);

    socket.once('connect', () => {
      timings.connectMs = ctx.monotonic() - start;
      socket.write(plan.request);
    });
    socket.on('data', (chunk: Buffer) => {
      let complete: boolean;
      try {
        complete = parser.push(chunk);
      } catch (error) {
        return finish(error);
      }
      if (timings.firstByteMs === undefined && parser.status() !== undefined) timings.firstByteMs = ctx.monotonic() - start;
      if (complete || parser.bodyBytes() >= enough) finish();
    });
    socket.on('end', () => finish(parser.end() ? undefined : cutShort()));
    socket.on('error', (error) => finish(error));
    // A close without 'end' or 'error' (destroyed elsewhere) must still settle. Every
    // probe's socket closes after finish(): no error (and its stack) for those.
    socket.on('close', () => settled || finish(cutShort()));
  });
}

/** As undici says it ("other side closed"), with its code, so failure.ts files it as 'network'. */
function closedEarly(when: string): Error {
  return Object.assign(new Error(`other side closed ${when}`), { code: 'UND_ERR_SOCKET' });
}
