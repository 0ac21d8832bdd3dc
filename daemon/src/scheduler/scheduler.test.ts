import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler, spread, type Job, type Scheduler } from './scheduler.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls until `done()` holds: these tests share two cores with the rest of the suite, so they wait for events, not for fixed times. */
async function until(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error('timed out waiting');
    await sleep(10);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const monotonic = () => performance.now();
let scheduler: Scheduler | undefined;
afterEach(() => scheduler?.stop());

function job(id: string, intervalMs: number, work: (signal: AbortSignal) => Promise<void>, timeoutMs = intervalMs - 1): Job {
  return { id, intervalMs, timeoutMs, run: work };
}

describe('scheduler (issue #2)', () => {
  it('spreads first runs over the interval instead of bursting at start', async () => {
    const starts: number[] = [];
    const t0 = monotonic();
    scheduler = createScheduler({ monotonic, concurrency: 1000 });
    scheduler.setJobs(Array.from({ length: 200 }, (_, i) => job(`monitor-${i}`, 1000, async () => void starts.push(monotonic() - t0))));
    scheduler.start();
    await until(() => starts.length === 200);
    const firstTenth = starts.filter((t) => t < 100).length;
    expect(firstTenth).toBeLessThan(50); // evenly spread would be 20; a burst would be 200
    const offsets = Array.from({ length: 200 }, (_, i) => spread(`monitor-${i}`, 1000));
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(900);
  });

  it('keeps a drift-free cadence: a slow run does not push the next one', async () => {
    const starts: number[] = [];
    scheduler = createScheduler({ monotonic, concurrency: 10 });
    scheduler.setJobs([job('slow', 100, async () => { starts.push(monotonic()); await sleep(70); })]);
    scheduler.start();
    await until(() => starts.length >= 11);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // Each start is one interval after the previous due time, not 70 ms of work
    // later (gaps of ~170 ms); the median ignores a stall of the loaded machine.
    expect(median(gaps)).toBeGreaterThan(85);
    expect(median(gaps)).toBeLessThan(130);
  });

  it('never runs one job twice at once: an overrunning run skips its next slot', async () => {
    let running = 0;
    let most = 0;
    const skipped: string[] = [];
    scheduler = createScheduler({ monotonic, concurrency: 10, onSkip: (id) => skipped.push(id) });
    scheduler.setJobs([{ id: 'overrun', intervalMs: 50, timeoutMs: 1000, run: async () => { most = Math.max(most, ++running); await sleep(120); running--; } }]);
    scheduler.start();
    await sleep(500);
    expect(most).toBe(1);
    expect(skipped.length).toBeGreaterThan(3);
  });

  it('queues a job waiting for a slot once, not once per missed interval', async () => {
    const waitingStarts: number[] = [];
    const skipped: string[] = [];
    let blockerStarted = false;
    let release = () => {};
    scheduler = createScheduler({ monotonic, concurrency: 1, onSkip: (id) => skipped.push(id) });
    scheduler.setJobs([
      // Placed within the first 250 ms of its interval (spread(); see the timeout test below): it takes the one slot until released.
      {
        id: 'times-out-8',
        intervalMs: 60_000,
        timeoutMs: 59_000,
        run: () => {
          blockerStarted = true;
          return new Promise<void>((resolve) => (release = resolve));
        },
      },
      job('waiting', 40, async () => void waitingStarts.push(monotonic())),
    ]);
    scheduler.start();
    await until(() => blockerStarted);
    await sleep(400); // ~10 intervals of 'waiting' while the slot is taken
    const releasedAt = monotonic();
    release();
    await sleep(100);
    // One queued run right away, then the cadence; never the ~10 missed runs back to back.
    expect(waitingStarts.filter((t) => t >= releasedAt && t < releasedAt + 30).length).toBeLessThanOrEqual(2);
    expect(skipped.filter((id) => id === 'waiting').length).toBeGreaterThanOrEqual(5);
  });

  it('bounds concurrency and records the queueing as lag', async () => {
    let running = 0;
    let most = 0;
    const lags: number[] = [];
    scheduler = createScheduler({ monotonic, concurrency: 3, onLag: (s) => lags.push(s) });
    scheduler.setJobs(Array.from({ length: 12 }, (_, i) => job(`j${i}`, 300, async () => { most = Math.max(most, ++running); await sleep(100); running--; })));
    scheduler.start();
    await until(() => lags.length >= 12);
    expect(most).toBe(3);
    expect(Math.max(...lags)).toBeGreaterThan(0.05); // 12 runs of 100 ms through 3 slots must queue
  });

  it('with batchMs, wakes only on multiples of it: runs due within one step start together, at most a step late (issue #7)', async () => {
    const starts: Array<{ at: number; lag: number }> = [];
    let lag = 0;
    scheduler = createScheduler({ monotonic, concurrency: 1000, batchMs: 100, onLag: (s) => { lag = s; } });
    // 100 runs a second, spread over the interval: without batching, 100 wake-ups a second.
    scheduler.setJobs(Array.from({ length: 100 }, (_, i) => job(`monitor-${i}`, 1000, async () => void starts.push({ at: monotonic(), lag }))));
    scheduler.start();
    await until(() => starts.length >= 200);
    // Runs of one wake-up start within the same millisecond or two; at most ~10 steps a second (+2 for a loaded machine).
    const wakeUps = starts.filter((s, i) => i === 0 || s.at - starts[i - 1]!.at > 5).length;
    expect(wakeUps).toBeLessThanOrEqual(24);
    expect(median(starts.map((s) => s.lag))).toBeLessThan(0.1);
    // Each wake-up is on the 100 ms grid of the monotonic clock: a timer fires late on a loaded
    // machine, and Node's millisecond timers can fire a fraction of one early (then it re-arms).
    const offGrid = (at: number) => Math.min(at % 100, 100 - (at % 100));
    expect(median(starts.map((s) => offGrid(s.at)))).toBeLessThan(30);
  });

  it('aborts a run at its timeout through the signal, and stop() aborts and waits for running ones', async () => {
    const reasons: string[] = [];
    const started = new Set<string>();
    const waitForAbort = (id: string) => (signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        started.add(id);
        signal.addEventListener('abort', () => { reasons.push((signal.reason as Error).name); resolve(); });
      });
    scheduler = createScheduler({ monotonic, concurrency: 10 });
    scheduler.setJobs([
      // Ids whose place in a 60 s interval is within its first 250 ms (spread()), so both start at once.
      { id: 'times-out-8', intervalMs: 60_000, timeoutMs: 50, run: waitForAbort('times-out') },
      { id: 'hangs-175', intervalMs: 60_000, timeoutMs: 59_000, run: waitForAbort('hangs') },
    ]);
    expect(Math.max(spread('times-out-8', 60_000), spread('hangs-175', 60_000))).toBeLessThan(250);
    scheduler.start();
    await until(() => started.size === 2 && reasons.length === 1);
    expect(reasons).toEqual(['TimeoutError']);
    expect(scheduler.running()).toBe(1);
    await scheduler.stop();
    expect(reasons).toEqual(['TimeoutError', 'Error']);
    expect(scheduler.running()).toBe(0);
  });
});
