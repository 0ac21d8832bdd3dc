// Builders for ProbeResult, so the "degraded only when otherwise up" rule
// (issue: probers, latency) lives once instead of in every prober.
import type { ProbeFailure, ProbeResult, ProbeTimings } from './types.ts';

/** What a probe learnt besides its verdict. */
export interface ProbeFacts {
  timings?: ProbeTimings;
  httpStatus?: number;
  tlsNotAfter?: number;
}

export function down(durationMs: number, failure: ProbeFailure, facts: ProbeFacts = {}): ProbeResult {
  return { state: 'down', durationMs, ...defined(facts), failure };
}

/**
 * The target answered as expected. `warning` (a certificate close to expiry)
 * degrades it first; otherwise a duration above `degradedAboveMs` does.
 */
export function up(
  durationMs: number,
  facts: ProbeFacts,
  degradedAboveMs: number | undefined,
  warning?: ProbeFailure,
): ProbeResult {
  const base = { durationMs, ...defined(facts) };
  if (warning) return { state: 'degraded', ...base, failure: warning };
  if (degradedAboveMs !== undefined && durationMs > degradedAboveMs) {
    const message = `took ${Math.round(durationMs)} ms, above ${degradedAboveMs} ms`;
    return { state: 'degraded', ...base, failure: { kind: 'latency', message } };
  }
  return { state: 'up', ...base };
}

// Absent facts stay absent rather than `undefined`, so results compare and
// serialise cleanly.
function defined(facts: ProbeFacts): ProbeFacts {
  const out: ProbeFacts = {};
  if (facts.timings && Object.keys(facts.timings).length > 0) out.timings = facts.timings;
  if (facts.httpStatus !== undefined) out.httpStatus = facts.httpStatus;
  if (facts.tlsNotAfter !== undefined) out.tlsNotAfter = facts.tlsNotAfter;
  return out;
}
