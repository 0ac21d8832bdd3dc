// HTTP prober: one request (or, with followRedirects, one per redirect), then
// status, header, body and latency checks. Plain http on its own connection
// (the default) goes over a bare socket (http-plain.ts, issue #7); https and
// keepAlive over undici. Each request takes its own path, so a redirect from
// http to https changes path. Both send the same method, headers, credentials
// and body (issue #14).
import type { Dispatcher } from 'undici';
import { untilAborted } from './deadline.ts';
import { failureFromError } from './failure.ts';
import { bodyFailure, headerFailure, headersToKeep, needsBody, readCapped, statusFailure, statusMatches } from './http-expect.ts';
import { exchangePlain, planPlain, planRequest, type PlainPlan } from './http-plain.ts';
import { firstRequest, type HttpRequest } from './http-request.ts';
import { redirect } from './http-redirect.ts';
import type { DispatcherPool, Lease } from './http-dispatchers.ts';
import { down, up, type ProbeFacts } from './outcome.ts';
import { redact } from './redact.ts';
import type { HttpSpec, ProbeContext, Prober, ProbeResult, ProbeTimings } from './types.ts';

/** One request's response, as far as the checks need it. */
interface Answer {
  status: number;
  /** The headers headersToKeep() names, lowercase. */
  headers: ReadonlyMap<string, string>;
  /** The body's first BODY_LIMIT_BYTES, when the checks read it. */
  text?: string;
  truncated: boolean;
}

/** One request: its facts (timings cumulative from the probe's start), then an answer or what went wrong. */
type Exchange = { facts: ProbeFacts } & ({ ok: true; answer: Answer } | { ok: false; error: unknown });

export function createHttpProber(pool: DispatcherPool): Prober<HttpSpec> {
  // Issue #14: whatever the server said, a failure message holds no secret of the monitor.
  return async (spec, ctx) => redact(await probe(spec, ctx, pool), spec.secrets);
}

async function probe(spec: HttpSpec, ctx: ProbeContext, pool: DispatcherPool): Promise<ProbeResult> {
  const start = ctx.monotonic();
  let request = firstRequest(spec);
  const visited: string[] = [];
  let timings: ProbeTimings = {};
  for (;;) {
    visited.push(request.url.href);
    const plan = visited.length === 1 ? planPlain(spec) : planRequest(spec, request);
    const exchange = plan !== undefined ? await plainExchange(plan, ctx, start) : await undiciExchange(spec, request, ctx, pool, start);
    timings = addTimings(timings, exchange.facts.timings);
    const facts = { ...exchange.facts, timings };
    const durationMs = () => ctx.monotonic() - start;
    if (!exchange.ok) return down(durationMs(), failureFromError(exchange.error, ctx.signal), facts);
    const { answer } = exchange;
    const next = spec.followRedirects ? redirect(request, answer.status, answer.headers.get('location'), visited) : undefined;
    if (next !== undefined && 'failure' in next) return down(durationMs(), next.failure, facts);
    if (next !== undefined) {
      request = next.request;
      continue;
    }
    const failure =
      statusFailure(answer.status, spec.expect) ??
      headerFailure(answer.headers, spec.expect) ??
      (answer.text === undefined ? undefined : bodyFailure(answer.text, answer.truncated, spec.expect));
    return failure ? down(durationMs(), failure, facts) : up(durationMs(), facts, spec.expect.degradedAboveMs);
  }
}

/**
 * Over several requests, connect and TLS are the time spent in them all;
 * firstByteMs is the last response's (from the probe's start).
 */
function addTimings(sum: ProbeTimings, hop: ProbeTimings | undefined): ProbeTimings {
  const out: ProbeTimings = { ...sum };
  if (hop?.connectMs !== undefined) out.connectMs = (sum.connectMs ?? 0) + hop.connectMs;
  if (hop?.tlsMs !== undefined) out.tlsMs = (sum.tlsMs ?? 0) + hop.tlsMs;
  if (hop?.firstByteMs !== undefined) out.firstByteMs = hop.firstByteMs;
  return out;
}

async function plainExchange(plan: PlainPlan, ctx: ProbeContext, start: number): Promise<Exchange> {
  const outcome = await exchangePlain(plan, ctx, start);
  const facts: ProbeFacts = { timings: outcome.timings };
  if (!outcome.ok) {
    if (outcome.status !== undefined) facts.httpStatus = outcome.status;
    return { facts, ok: false, error: outcome.error };
  }
  const { status, headers, text, truncated } = outcome.response;
  facts.httpStatus = status;
  return { facts, ok: true, answer: text === undefined ? { status, headers, truncated } : { status, headers, text, truncated } };
}

async function undiciExchange(spec: HttpSpec, request: HttpRequest, ctx: ProbeContext, pool: DispatcherPool, start: number): Promise<Exchange> {
  const first = await attempt(spec, request, ctx, pool, start);
  // A kept-alive connection the server closed just as we reused it is not an
  // outage: retry once on a new connection, as Go's http.Transport does.
  if (first.staleConnection && !ctx.signal.aborted) return (await attempt(spec, request, ctx, pool, start)).exchange;
  return first.exchange;
}

async function attempt(spec: HttpSpec, request: HttpRequest, ctx: ProbeContext, pool: DispatcherPool, start: number): Promise<{ exchange: Exchange; staleConnection: boolean }> {
  const lease = pool.acquire(spec, request.url.origin, ctx.monotonic);
  const facts: ProbeFacts = { timings: {} };
  try {
    const pending = lease.client.request({
      path: `${request.url.pathname}${request.url.search}`,
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: request.body ?? null,
      signal: ctx.signal,
      reset: !spec.keepAlive, // sends "connection: close" on a one-probe connection
    });
    const response = await untilAborted(pending, ctx.signal);
    facts.timings = { firstByteMs: ctx.monotonic() - start };
    facts.httpStatus = response.statusCode;
    const answer = await untilAborted(read(spec, response), ctx.signal);
    addConnectionFacts(facts, lease);
    return { exchange: { facts, ok: true, answer }, staleConnection: false };
  } catch (error) {
    addConnectionFacts(facts, lease);
    const reused = lease.shared && lease.connectionSince() === undefined;
    const network = failureFromError(error, ctx.signal).kind === 'network';
    return { exchange: { facts, ok: false, error }, staleConnection: reused && network };
  } finally {
    await lease.release();
  }
}

/** The headers the checks read, and the body only when they will judge it (the status passes); a body never read is dumped, so the socket is released. */
async function read(spec: HttpSpec, response: Dispatcher.ResponseData): Promise<Answer> {
  const headers = new Map<string, string>();
  for (const name of headersToKeep(spec)) {
    const value = response.headers[name];
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const status = response.statusCode;
  const redirected = spec.followRedirects === true && headers.has('location') && status >= 300 && status < 400;
  if (redirected || !needsBody(spec.expect) || !statusMatches(status, spec.expect.status)) {
    await response.body.dump();
    return { status, headers, truncated: false };
  }
  const { text, truncated } = await readCapped(response.body);
  return { status, headers, text, truncated };
}

/** Connect and TLS phases only when this probe opened the connection; the certificate in any case. */
function addConnectionFacts(facts: ProbeFacts, lease: Lease): void {
  const own = lease.connectionSince();
  if (own?.connectMs !== undefined) facts.timings = { ...facts.timings, connectMs: own.connectMs };
  if (own?.tlsMs !== undefined) facts.timings = { ...facts.timings, tlsMs: own.tlsMs };
  const notAfter = lease.latestConnection()?.tlsNotAfter;
  if (notAfter !== undefined) facts.tlsNotAfter = notAfter;
}
