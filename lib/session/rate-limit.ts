import "server-only";

/** A fixed-window limiter per client address (in memory; each replica limits on its own). */
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Returns 0 when allowed, else the seconds until the next attempt is allowed. */
  take(key: string, now = Date.now()): number {
    if (this.hits.size > 10_000)
      for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k);
    const entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      this.hits.set(key, { start: now, count: 1 });
      return 0;
    }
    entry.count += 1;
    return entry.count > this.limit ? Math.ceil((entry.start + this.windowMs - now) / 1000) : 0;
  }
}

/** The address of the nearest hop: the last X-Forwarded-For entry, which our own server appends. */
export function clientAddress(h: Headers): string {
  const forwarded = h.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || h.get("x-real-ip") || "unknown";
}
