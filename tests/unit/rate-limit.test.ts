import { describe, expect, it } from "vitest";
import { RateLimiter } from "@/lib/local-platform/rate-limit";

describe("RateLimiter", () => {
  it("allows `limit` attempts per window per key, then says how long to wait", () => {
    const limiter = new RateLimiter(3, 60_000);
    const t0 = 1_000_000;
    expect([0, 1, 2].map((i) => limiter.take("a", t0 + i))).toEqual([0, 0, 0]);
    expect(limiter.take("a", t0 + 10_000)).toBe(50);
    expect(limiter.take("b", t0 + 10_000)).toBe(0);
    expect(limiter.take("a", t0 + 60_000)).toBe(0);
  });
});
