import type { Env, MonitorConfig } from '@sla/shared';
import type { Tracker } from '../detection/tracker.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Probers } from '../probers/registry.ts';
import type { ProbeResult } from '../probers/types.ts';
import type { DatabaseAvailability } from '../db/availability.ts';
import type { ResultWriter } from '../results/result-writer.ts';
import type { Job } from '../scheduler/scheduler.ts';
import type { SuspectRecorder } from '../suspects/suspect-recorder.ts';
import type { IsolationGuard, Verdict } from './isolation.ts';
import { toSpec } from './spec.ts';

export interface MonitorJobDeps {
  probers: Probers;
  writer: ResultWriter;
  tracker: Tracker;
  guard: IsolationGuard;
  /** Where isolated results of the vendor's monitors become suspect periods for an operator (issue #14). */
  suspects: SuspectRecorder;
  metrics: Metrics;
  /** Results still waiting for their isolation verdict; the daemon's stop awaits them before the writer closes. */
  background: Set<Promise<void>>;
  clock: { now: () => number; monotonic: () => number };
  /** Where the secrets of monitors' `auth` are read (issue #14); default process.env. */
  env?: Env;
  /** Told when the tracker could not commit; a database outage is its news, not each probe's (issue #12). */
  database?: DatabaseAvailability;
  /** After each probe, before its outage changes are committed: probing goes on while the database is away (issue #12). */
  onProbe?: (monitorId: string, result: ProbeResult, recorded: 'up' | 'degraded' | 'down' | 'unknown') => void;
}

/** One monitor as a scheduler job: probe → isolation guard → batched result → detector. */
export function monitorJob(m: MonitorConfig, deps: MonitorJobDeps): Job {
  const spec = toSpec(m, deps.env);
  let queue: Promise<void> = Promise.resolve();
  return {
    id: m.id,
    intervalMs: m.interval,
    timeoutMs: m.timeout,
    run: async (signal) => {
      const at = deps.clock.now();
      const result = await deps.probers.probe(spec, { signal, now: deps.clock.now, monotonic: deps.clock.monotonic });
      // Aborted by our own shutdown, not by the probe's timeout: the target said nothing.
      if (signal.aborted && (signal.reason as Error | undefined)?.name !== 'TimeoutError') return;
      const kind = result.state === 'down' ? result.failure.kind : undefined;
      deps.guard.record(m.id, at, kind);
      const verdict = deps.guard.verdict(m.id, at, kind);
      // A result waiting for the isolation verdict (issue #14) is settled in
      // the background, in probe order, so the monitor keeps its schedule and
      // a recovery is seen at its first good probe.
      const step = queue.then(async () => settle(at, result, await verdict));
      queue = step.catch(() => undefined);
      if (verdict instanceof Promise) deps.background.add(step.finally(() => deps.background.delete(step)).catch(() => undefined));
      else await step;
    },
  };

  async function settle(at: number, result: ProbeResult, verdict: Verdict): Promise<void> {
    // A prober cut off from the network cannot tell whether targets are up:
    // the result is stored as unknown and opens nothing (issue #2).
    const state = verdict === 'isolated' ? 'unknown' : result.state;
    deps.metrics.recordProbe(m, result, state);
    deps.writer.push({
      monitor_id: m.id,
      at: new Date(at),
      state,
      duration_ms: result.durationMs,
      failure_kind: result.failure?.kind ?? null,
      failure_message: state === 'unknown' ? `isolated: ${result.failure?.message ?? ''}` : (result.failure?.message ?? null),
      http_status: result.httpStatus ?? null,
    });
    deps.onProbe?.(m.id, result, state);
    if (!deps.guard.isCanary(m.id)) {
      const suspect = state === 'unknown' ? deps.suspects.isolated(m.id, m.component, at, result.failure) : deps.suspects.counted(m.id, at);
      await suspect.catch((error) => deps.database?.failed(error)); // retried with the next result
    }
    const observed = deps.tracker.observe(m.id, { at, state, failure: result.failure });
    if (deps.database === undefined) return void (await observed);
    // The tracker keeps what it could not commit and retries it with the
    // component's next result (detection/tracker.ts). An observation that
    // wrote nothing proves nothing about the database: the result writer's
    // batches say when it is back.
    await observed.catch(deps.database.failed);
  }
}
