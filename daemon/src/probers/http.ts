// HTTP prober: one request, then status, body and latency checks. Plain http
// on its own connection (the default) goes over a bare socket (http-plain.ts,
// issue #7); https and keepAlive over undici. No redirects are followed
// (neither path does): a 301 is the answer.
import type { Dispatcher } from 'undici';
import { untilAborted } from './deadline.ts';
import { failureFromError } from './failure.ts';
import { bodyFailure, needsBody, readCapped, statusFailure } from './http-expect.ts';
import { exchangePlain, planPlain, USER_AGENT, type PlainPlan } from './http-plain.ts';
import type { DispatcherPool, Lease } from './http-dispatchers.ts';
import { down, up, type ProbeFacts } from './outcome.ts';
import type { HttpSpec, ProbeContext, ProbeFailure, Prober, ProbeResult } from './types.ts';

export function createHttpProber(pool: DispatcherPool): Prober<HttpSpec> {
  return async (spec, ctx) => {
    const start = ctx.monotonic();
    const plain = planPlain(spec);
    if (plain !== undefined) return probePlain(spec, plain, ctx, start);
    const first = await attempt(spec, ctx, pool, start);
    // A kept-alive connection the server closed just as we reused it is not an
    // outage: retry once on a new connection, as Go's http.Transport does.
    if (first.staleConnection && !ctx.signal.aborted) return (await attempt(spec, ctx, pool, start)).result;
    return first.result;
  };
}

interface Attempt {
  result: ProbeResult;
  staleConnection: boolean;
}

async function attempt(spec: HttpSpec, ctx: ProbeContext, pool: DispatcherPool, start: number): Promise<Attempt> {
  const lease = pool.acquire(spec, ctx.monotonic);
  const facts: ProbeFacts = { timings: {} };
  try {
    const url = new URL(spec.target);
    const request = lease.client.request({
      path: `${url.pathname}${url.search}`,
      method: spec.method ?? 'GET',
      headers: { 'user-agent': USER_AGENT },
      signal: ctx.signal,
      reset: !spec.keepAlive, // sends "connection: close" on a one-probe connection
    });
    const response = await untilAborted(request, ctx.signal);
    facts.timings = { firstByteMs: ctx.monotonic() - start };
    facts.httpStatus = response.statusCode;
    const failure = await untilAborted(check(response, spec.expect), ctx.signal);
    addConnectionFacts(facts, lease);
    const durationMs = ctx.monotonic() - start;
    const result = failure ? down(durationMs, failure, facts) : up(durationMs, facts, spec.expect.degradedAboveMs);
    return { result, staleConnection: false };
  } catch (error) {
    addConnectionFacts(facts, lease);
    const failure = failureFromError(error, ctx.signal);
    const reused = lease.shared && lease.connectionSince() === undefined;
    return { result: down(ctx.monotonic() - start, failure, facts), staleConnection: reused && failure.kind === 'network' };
  } finally {
    await lease.release();
  }
}

async function probePlain(spec: HttpSpec, plan: PlainPlan, ctx: ProbeContext, start: number): Promise<ProbeResult> {
  const outcome = await exchangePlain(plan, ctx, start);
  const durationMs = ctx.monotonic() - start;
  const facts: ProbeFacts = { timings: outcome.timings };
  if (!outcome.ok) {
    if (outcome.status !== undefined) facts.httpStatus = outcome.status;
    return down(durationMs, failureFromError(outcome.error, ctx.signal), facts);
  }
  const { status, text, truncated } = outcome.response;
  facts.httpStatus = status;
  const failure = statusFailure(status, spec.expect) ?? (text === undefined ? undefined : bodyFailure(text, truncated, spec.expect));
  return failure ? down(durationMs, failure, facts) : up(durationMs, facts, spec.expect.degradedAboveMs);
}

/** Status first; the body is always consumed or destroyed so the socket is released. */
async function check(response: Dispatcher.ResponseData, expect: HttpSpec['expect']): Promise<ProbeFailure | undefined> {
  const wrongStatus = statusFailure(response.statusCode, expect);
  if (wrongStatus || !needsBody(expect)) {
    await response.body.dump();
    return wrongStatus;
  }
  const { text, truncated } = await readCapped(response.body);
  return bodyFailure(text, truncated, expect);
}

/** Connect and TLS phases only when this probe opened the connection; the certificate in any case. */
function addConnectionFacts(facts: ProbeFacts, lease: Lease): void {
  const own = lease.connectionSince();
  if (own?.connectMs !== undefined) facts.timings = { ...facts.timings, connectMs: own.connectMs };
  if (own?.tlsMs !== undefined) facts.timings = { ...facts.timings, tlsMs: own.tlsMs };
  const notAfter = lease.latestConnection()?.tlsNotAfter;
  if (notAfter !== undefined) facts.tlsNotAfter = notAfter;
}
