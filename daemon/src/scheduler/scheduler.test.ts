import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler, spread, type Job, type Scheduler } from './scheduler.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
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
    await sleep(1050);
    const firstTenth = starts.filter((t) => t < 100).length;
    expect(starts.length).toBeGreaterThanOrEqual(195);
    expect(firstTenth).toBeLessThan(50); // evenly spread would be 20; a burst would be 200
    const offsets = Array.from({ length: 200 }, (_, i) => spread(`monitor-${i}`, 1000));
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(900);
  });

  it('keeps a drift-free cadence: a slow run does not push the next one', async () => {
    const starts: number[] = [];
    scheduler = createScheduler({ monotonic, concurrency: 10 });
    scheduler.setJobs([job('slow', 100, async () => { starts.push(monotonic()); await sleep(70); })]);
    scheduler.start();
    await sleep(1040);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(starts.length).toBeGreaterThanOrEqual(9);
    // Each start is one interval after the previous one's due time, not 70 ms of work later.
    const drift = starts.at(-1)! - starts[0]! - 100 * (starts.length - 1);
    expect(Math.abs(drift)).toBeLessThan(40);
    expect(Math.max(...gaps)).toBeLessThan(150);
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

  it('bounds concurrency and records the queueing as lag', async () => {
    let running = 0;
    let most = 0;
    const lags: number[] = [];
    scheduler = createScheduler({ monotonic, concurrency: 3, onLag: (s) => lags.push(s) });
    scheduler.setJobs(Array.from({ length: 12 }, (_, i) => job(`j${i}`, 300, async () => { most = Math.max(most, ++running); await sleep(100); running--; })));
    scheduler.start();
    await sleep(700);
    expect(most).toBe(3);
    expect(lags.length).toBeGreaterThan(12);
    expect(Math.max(...lags)).toBeGreaterThan(0.05); // 12 runs of 100 ms through 3 slots must queue
  });

  it('aborts a run at its timeout through the signal, and stop() aborts and waits for running ones', async () => {
    const reasons: string[] = [];
    const waitForAbort = (signal: AbortSignal) =>
      new Promise<void>((resolve) => signal.addEventListener('abort', () => { reasons.push((signal.reason as Error).name); resolve(); }));
    scheduler = createScheduler({ monotonic, concurrency: 10 });
    scheduler.setJobs([
      { id: 'times-out', intervalMs: 400, timeoutMs: 50, run: waitForAbort },
      { id: 'hangs', intervalMs: 400, timeoutMs: 390, run: waitForAbort },
    ]);
    scheduler.start();
    await sleep(Math.max(spread('times-out', 400), spread('hangs', 400)) + 60);
    expect(reasons).toEqual(['TimeoutError']);
    expect(scheduler.running()).toBe(1);
    await scheduler.stop();
    expect(reasons).toEqual(['TimeoutError', 'Error']);
    expect(scheduler.running()).toBe(0);
  });
});
