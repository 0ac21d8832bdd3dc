// Issue #12: token buckets per client, in memory, on the daemon's clock. Each
// client holds up to `perMinute` tokens (the burst) and gets `perMinute` back
// a minute. At most `maxClients` are tracked: past that the least recently
// seen is forgotten (it starts again with a full bucket), so a crowd of
// addresses costs bounded memory rather than an unbounded map.

export interface RateLimits {
  perMinute: number;
  maxClients: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterS: number };

export interface RateLimiter {
  /** Takes one token from `client`'s bucket if it has one. */
  take: (client: string) => Verdict;
  /** Whether `client` has a token, taking none (and tracking no one new). */
  allowed: (client: string) => Verdict;
  size: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** `limits` is read on every call, so a config reload applies at once. */
export function createRateLimiter(o: { now: () => number; limits: () => RateLimits }): RateLimiter {
  const buckets = new Map<string, Bucket>();

  const current = (client: string, limits: RateLimits): Bucket => {
    const now = o.now();
    const known = buckets.get(client);
    const perMs = limits.perMinute / 60_000;
    const tokens = known === undefined ? limits.perMinute : Math.min(limits.perMinute, known.tokens + Math.max(0, now - known.at) * perMs);
    return { tokens, at: now };
  };

  const refused = (bucket: Bucket, limits: RateLimits): Verdict => ({ ok: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / (limits.perMinute / 60_000) / 1000)) });

  return {
    take: (client) => {
      const limits = o.limits();
      const bucket = current(client, limits);
      const ok = bucket.tokens >= 1;
      if (ok) bucket.tokens -= 1;
      buckets.delete(client); // re-insert: Map order is the eviction order
      buckets.set(client, bucket);
      while (buckets.size > limits.maxClients) buckets.delete(buckets.keys().next().value!);
      return ok ? { ok: true } : refused(bucket, limits);
    },
    allowed: (client) => {
      if (!buckets.has(client)) return { ok: true };
      const limits = o.limits();
      const bucket = current(client, limits);
      return bucket.tokens >= 1 ? { ok: true } : refused(bucket, limits);
    },
    size: () => buckets.size,
  };
}
