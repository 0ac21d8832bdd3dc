import type { FailureKind } from '@sla/shared';

/** Failures that say the network between us and the target broke, not that the target answered badly. */
const NETWORK_KINDS: ReadonlySet<FailureKind> = new Set(['timeout', 'refused', 'dns', 'network']);

/** `counts`: the result stands; `isolated`: we were the ones cut off, the result is stored as unknown. */
export type Verdict = 'counts' | 'isolated';

export interface GuardedMonitor {
  id: string;
  intervalMs: number;
  timeoutMs: number;
}

export interface IsolationGuard {
  /** Records a monitor's result of the probe that started at `at` (epoch ms): evidence for the others. */
  record: (monitorId: string, at: number, failureKind: FailureKind | undefined) => void;
  /**
   * Whether a result counts against its target. A network failure at `at` waits
   * until the evidence covers `at` — every canary (or, without canaries, every
   * monitor) has a result of a probe started at or after it — so the answer
   * does not depend on which monitor is faster (issue #14).
   */
  verdict: (monitorId: string, at: number, failureKind: FailureKind | undefined) => Verdict | Promise<Verdict>;
  /** True when the latest evidence says the prober itself is cut off (the `sla_prober_isolated` gauge). */
  isolated: () => boolean;
  setMonitors: (monitors: GuardedMonitor[], canaries: string[]) => void;
  /** Whether the monitor is a canary: its results are evidence about us, never suspect. */
  isCanary: (monitorId: string) => boolean;
  /** Answers every open question `isolated` (nothing is known any more): for a stop. */
  close: () => void;
}

interface Question {
  at: number;
  resolve: (v: Verdict) => void;
  timer: ReturnType<typeof setTimeout>;
}

const isNetwork = (kind: FailureKind | undefined) => kind !== undefined && NETWORK_KINDS.has(kind);

/**
 * Issue #2, made independent of timing in issue #14: a prober that lost its own
 * network must neither invent credits nor hide a real outage.
 * - With canaries (independent, always-up targets that are not the vendor's):
 *   we are isolated at an instant when every canary's first probe from that
 *   instant on failed. One canary answering proves our network works.
 * - Without canaries: isolated when every monitor (at least `minMonitors`)
 *   has a network failure from that instant on — the weaker rule; its unknown
 *   results are what an operator reviews.
 * Only network failures ask the question: a target that answered badly
 * proves the path to it works. A canary's own failure is stored as unknown:
 * it is evidence about us, and opens no outage on the component it sits in.
 */
export function createIsolationGuard(minMonitors: number): IsolationGuard {
  let monitors: GuardedMonitor[] = [];
  let canaries = new Set<string>();
  const latest = new Map<string, { at: number; kind: FailureKind | undefined }>();
  const questions = new Set<Question>();

  /** The evidence sources for a question about `monitorId`; none when no question can be asked. */
  const sources = (): GuardedMonitor[] => {
    if (canaries.size > 0) return monitors.filter((m) => canaries.has(m.id));
    return monitors.length >= minMonitors ? monitors : [];
  };
  /** Isolated, not isolated, or not known yet for the instant `at`. */
  const answer = (at: number, from: GuardedMonitor[]): Verdict | undefined => {
    if (from.length === 0) return 'counts'; // no question can be asked any more (a reload)
    let unanswered = false;
    for (const m of from) {
      const seen = latest.get(m.id);
      if (seen === undefined || seen.at < at) unanswered = true;
      else if (canaries.size > 0 ? seen.kind === undefined : !isNetwork(seen.kind)) return 'counts';
    }
    return unanswered ? undefined : 'isolated';
  };
  const settle = () => {
    for (const q of questions) {
      const v = answer(q.at, sources());
      if (v !== undefined) finish(q, v);
    }
  };
  const finish = (q: Question, v: Verdict) => {
    clearTimeout(q.timer);
    questions.delete(q);
    q.resolve(v);
  };

  return {
    record(monitorId, at, kind) {
      const previous = latest.get(monitorId);
      if (previous === undefined || previous.at <= at) latest.set(monitorId, { at, kind });
      settle();
    },
    verdict(monitorId, at, kind) {
      // A canary is not the vendor's: its failure is the evidence, never an outage.
      if (canaries.has(monitorId)) return kind === undefined ? 'counts' : 'isolated';
      if (!isNetwork(kind)) return 'counts';
      const from = sources();
      if (from.length === 0) return 'counts';
      const now = answer(at, from);
      if (now !== undefined) return now;
      // Every source probes within its interval; one that has not answered in
      // two of them is not running (overload, a reload): no evidence that the
      // network works, so the result is kept as unknown, never as a failure.
      const patienceMs = 2 * Math.max(...from.map((m) => m.intervalMs + m.timeoutMs)) + 1_000;
      return new Promise<Verdict>((resolve) => {
        const q: Question = { at, resolve, timer: setTimeout(() => finish(q, 'isolated'), patienceMs) };
        questions.add(q);
      });
    },
    isolated() {
      if (canaries.size > 0) return [...canaries].every((id) => latest.has(id) && latest.get(id)!.kind !== undefined);
      return monitors.length >= minMonitors && monitors.every((m) => isNetwork(latest.get(m.id)?.kind));
    },
    setMonitors(next, nextCanaries) {
      monitors = next;
      canaries = new Set(nextCanaries);
      const keep = new Set(next.map((m) => m.id));
      for (const id of [...latest.keys()]) if (!keep.has(id)) latest.delete(id);
      settle();
    },
    isCanary: (monitorId) => canaries.has(monitorId),
    close() {
      for (const q of questions) finish(q, 'isolated');
    },
  };
}
