import { MinHeap } from './heap.ts';

export interface Job {
  id: string;
  intervalMs: number;
  timeoutMs: number;
  /** Must resolve; what it watches failing is its own business (a typed result), not ours. */
  run: (signal: AbortSignal) => Promise<void>;
}

export interface SchedulerOptions {
  /** Monotonic milliseconds (performance.now): wall-clock jumps must not move the schedule. */
  monotonic: () => number;
  concurrency: number;
  /** Seconds between when a run was due and when it started (queueing included). */
  onLag?: (seconds: number) => void;
  /** A run skipped because the previous one of the same job was still going, or the scheduler fell a whole interval behind. */
  onSkip?: (jobId: string) => void;
  onError?: (jobId: string, error: unknown) => void;
  /**
   * Wake up only on multiples of this many ms (0: at each due time). Runs due
   * within one step start together, up to `batchMs` late (issue #7).
   */
  batchMs?: number;
}

/**
 * The daemon's batch step (issue #7). A probe started alone costs twice the
 * CPU of one started with a few others: each start, connect, answer and close
 * is its own event-loop wake-up, with its syscalls and cold caches, where a
 * batch shares them (measured with undici at 100 probes/s on one core:
 * 1.23 ms each alone, 0.64 ms in batches of 10). 100 ms is small next to
 * probe intervals of seconds and well inside issue #7's 1 s lag budget; the
 * lag metric shows it, as it is real.
 */
export const DAEMON_BATCH_MS = 100;

export interface Scheduler {
  /** Replaces the set of jobs; a job kept by id keeps its phase (a reload does not reshuffle). */
  setJobs: (jobs: Job[]) => void;
  start: () => void;
  /** Stops dispatching, aborts running jobs, and waits for them. */
  stop: () => Promise<void>;
  running: () => number;
}

interface Entry {
  job: Job;
  due: number;
}

/**
 * Runs each job every `intervalMs`, spread over the interval by a hash of its
 * id (no burst at start), at due times computed from the first one (a slow run
 * does not push the next: drift-free), never two runs of one job at once, at
 * most `concurrency` runs at once, each aborted at its timeout (issue #2).
 */
export function createScheduler(o: SchedulerOptions): Scheduler {
  const heap = new MinHeap<Entry>((e) => e.due);
  const queue: Entry[] = [];
  /** Ids in `queue`. */
  const queued = new Set<string>();
  const jobs = new Map<string, Entry>();
  const inFlight = new Map<string, { done: Promise<void>; abort: AbortController }>();
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let stopping = false;

  const arm = () => {
    clearTimeout(timer);
    const next = heap.peek();
    if (!started || stopping || next === undefined) return;
    const batch = o.batchMs ?? 0;
    const wake = batch > 0 ? Math.ceil(next.due / batch) * batch : next.due;
    timer = setTimeout(tick, Math.max(0, wake - o.monotonic()));
  };

  function tick() {
    const now = o.monotonic();
    for (let e = heap.peek(); e !== undefined && e.due <= now; e = heap.peek()) {
      heap.pop();
      if (jobs.get(e.job.id) !== e) continue; // replaced or removed by setJobs
      // Running, or already waiting for a slot: one run per job at a time,
      // whatever is queued (a daemon behind by a few intervals queued every
      // missed run, then ran them back to back: 82k entries at 20,000 monitors).
      if (inFlight.has(e.job.id) || queued.has(e.job.id)) o.onSkip?.(e.job.id);
      else {
        queue.push({ ...e });
        queued.add(e.job.id);
      }
      // Next due from this due, not from now; if a whole interval was missed, skip ahead.
      const missed = Math.floor((now - e.due) / e.job.intervalMs);
      if (missed > 0) for (let i = 0; i < missed; i++) o.onSkip?.(e.job.id);
      e.due += (missed + 1) * e.job.intervalMs;
      heap.push(e);
    }
    drain();
    arm();
  }

  function drain() {
    while (!stopping && queue.length > 0 && inFlight.size < o.concurrency) {
      const e = queue.shift()!;
      queued.delete(e.job.id);
      if (!jobs.has(e.job.id) || inFlight.has(e.job.id)) continue;
      o.onLag?.(Math.max(0, o.monotonic() - e.due) / 1000);
      // One controller and one timer cleared when the run ends (issue #7):
      // AbortSignal.timeout() keeps its timer and signal alive for the whole
      // timeout after the probe is done, then aborts anyway (a DOMException
      // with a stack trace per probe), and AbortSignal.any() tracks every run
      // from the shutdown signal; at thousands of probes a second both showed
      // in the CPU profile and filled the old space with dead signals.
      const abort = new AbortController();
      const deadline = setTimeout(() => abort.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), e.job.timeoutMs);
      const done = e.job
        .run(abort.signal)
        .catch((error) => o.onError?.(e.job.id, error))
        .finally(() => {
          clearTimeout(deadline);
          inFlight.delete(e.job.id);
          drain();
        });
      inFlight.set(e.job.id, { done, abort });
    }
  }

  const place = (job: Job, now: number): Entry => {
    const kept = jobs.get(job.id);
    const phase = kept !== undefined && kept.job.intervalMs === job.intervalMs ? kept.due : now + spread(job.id, job.intervalMs);
    return { job, due: phase };
  };

  return {
    setJobs(list) {
      const now = o.monotonic();
      const next = new Map(list.map((job) => [job.id, place(job, now)]));
      jobs.clear();
      heap.clear();
      for (const [id, e] of next) {
        jobs.set(id, e);
        heap.push(e);
      }
      arm();
    },
    start() {
      started = true;
      arm();
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      const running = [...inFlight.values()];
      const reason = new Error('scheduler stopping');
      for (const run of running) run.abort.abort(reason);
      await Promise.allSettled(running.map((run) => run.done));
    },
    running: () => inFlight.size,
  };
}

/** A stable offset in [0, interval) from the id, so monitors spread out and keep their slot across restarts. */
export function spread(id: string, intervalMs: number): number {
  let h = 0x811c9dc5; // FNV-1a, then murmur3's finaliser: ids like m-1, m-2 differ in one byte
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return (h / 2 ** 32) * intervalMs;
}
