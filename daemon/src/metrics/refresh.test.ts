import { describe, expect, it } from 'vitest';
import { refreshed } from './refresh.ts';

function setup(load: () => Promise<number>) {
  let now = 0;
  const errors: unknown[] = [];
  const value = refreshed(load, { minIntervalMs: 30_000, monotonic: () => now, onError: (e) => errors.push(e) });
  return { value, errors, advance: (ms: number) => { now += ms; } };
}

describe('refreshed: stale-while-revalidate for scrape-time database reads', () => {
  it('the first read waits; later ones get the last value at once and refresh at most every interval', async () => {
    let loads = 0;
    const { value, advance } = setup(async () => ++loads);
    expect(await value.get()).toBe(1);
    advance(29_999);
    expect(await value.get()).toBe(1);
    expect(loads).toBe(1);
    advance(1);
    expect(await value.get()).toBe(1); // stale value now, the refresh runs behind it
    await Promise.resolve();
    expect(loads).toBe(2);
    expect(await value.get()).toBe(2);
  });

  it('runs one load at a time however many scrapes arrive', async () => {
    let release!: () => void;
    let loads = 0;
    const { value } = setup(() => new Promise<number>((r) => { loads++; release = () => r(loads); }));
    const scrapes = [value.get(), value.get(), value.get()];
    release();
    expect(await Promise.all(scrapes)).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('keeps the last value when a load fails, and reports the error', async () => {
    let fail = false;
    const { value, errors, advance } = setup(async () => {
      if (fail) throw new Error('database gone');
      return 7;
    });
    expect(await value.get()).toBe(7);
    fail = true;
    advance(30_000);
    await value.get();
    await new Promise((r) => setTimeout(r, 0));
    expect(await value.get()).toBe(7);
    expect(errors).toEqual([new Error('database gone')]);
  });

  it('stretches the interval to ten times a slow load', async () => {
    let now = 0;
    let loads = 0;
    const value = refreshed(
      async () => {
        now += 5_000; // the load itself takes 5 s of the clock
        return ++loads;
      },
      { minIntervalMs: 30_000, monotonic: () => now, onError: () => {} },
    );
    await value.get();
    now += 49_999;
    await value.get();
    expect(loads).toBe(1);
    now += 1;
    await value.get();
    await Promise.resolve();
    expect(loads).toBe(2);
  });

  it('a scrape waits for the first load at most firstWaitMs, then goes on without the value', async () => {
    let release!: (n: number) => void;
    const value = refreshed(() => new Promise<number>((r) => (release = r)), { minIntervalMs: 30_000, firstWaitMs: 20, monotonic: () => 0, onError: () => {} });
    expect(await value.get()).toBeUndefined();
    release(3);
    await new Promise((r) => setTimeout(r, 0));
    expect(await value.get()).toBe(3);
  });
});
