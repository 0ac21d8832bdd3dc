import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

// Issue #12: per-client token buckets, on an injected clock (no sleeping).
describe('rate limiter', () => {
  const setup = (perMinute = 10, maxClients = 100) => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ now: () => now, limits: () => ({ perMinute, maxClients }) });
    return { limiter, advance: (ms: number) => { now += ms; } };
  };

  it('lets a burst of perMinute through, then refuses with the seconds until the next token', () => {
    const { limiter } = setup(10);
    for (let i = 0; i < 10; i++) expect(limiter.take('1.2.3.4')).toEqual({ ok: true });
    expect(limiter.take('1.2.3.4')).toEqual({ ok: false, retryAfterS: 6 });
    expect(limiter.allowed('1.2.3.4')).toEqual({ ok: false, retryAfterS: 6 });
  });

  it('refills at perMinute a minute, and never above the burst', () => {
    const { limiter, advance } = setup(10);
    for (let i = 0; i < 10; i++) limiter.take('a');
    advance(5_999);
    expect(limiter.allowed('a')).toEqual({ ok: false, retryAfterS: 1 });
    advance(1);
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a').ok).toBe(false);
    advance(3_600_000);
    for (let i = 0; i < 10; i++) expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('keeps clients apart', () => {
    const { limiter } = setup(2);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b').ok).toBe(true);
  });

  it('tracks at most maxClients, forgetting the least recently seen', () => {
    const { limiter } = setup(1, 3);
    for (const ip of ['a', 'b', 'c', 'd', 'e']) limiter.take(ip);
    expect(limiter.size()).toBe(3);
    expect(limiter.take('e').ok).toBe(false); // still tracked
    expect(limiter.take('a').ok).toBe(true); // forgotten: a full bucket again
  });

  it('asking whether a client may go on takes nothing and tracks no one new', () => {
    const { limiter } = setup(1);
    expect(limiter.allowed('x')).toEqual({ ok: true });
    expect(limiter.size()).toBe(0);
    expect(limiter.take('x').ok).toBe(true);
  });
});
