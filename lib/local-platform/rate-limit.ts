/**
 * A fixed-window limiter per key, in memory (each process counts on its own): the local platform's
 * throttle of failed authentications per client address. The local platform stands in for a separate
 * product with its own database, so it counts here rather than in the console store, whose shared
 * limiter (`takeRateLimit`, lib/store/guards.ts) every console-side limit uses.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again (0 = now), without counting an attempt. */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs || entry.count < this.limit) return 0;
    return Math.max(1, Math.ceil((entry.start + this.windowMs - now) / 1000));
  }

  /** Counts one attempt; returns 0 when allowed, else the seconds until attempts are allowed again. */
  take(key: string, now = Date.now()): number {
    if (this.hits.size > 10_000) {
      for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k);
    }
    const entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      this.hits.set(key, { start: now, count: 1 });
      return 0;
    }
    entry.count += 1;
    return entry.count > this.limit
      ? Math.max(1, Math.ceil((entry.start + this.windowMs - now) / 1000))
      : 0;
  }
}
