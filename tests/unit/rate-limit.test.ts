import { describe, expect, it } from "vitest";
import { RateLimiter } from "@/lib/local-platform/rate-limit";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/client-address";
import { clientAddress } from "@/lib/server/client-address";

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

describe("clientAddress (the sign-in throttle's key)", () => {
  it("is the address the server set, never one a client sends in X-Forwarded-For or X-Real-IP", () => {
    const spoofed = { "x-forwarded-for": "203.0.113.7", "x-real-ip": "198.51.100.1" };
    expect(clientAddress(new Headers({ ...spoofed, [CLIENT_ADDRESS_HEADER]: "192.0.2.9" }))).toBe(
      "192.0.2.9",
    );
    expect(clientAddress(new Headers(spoofed))).toBe("unknown");
  });
});
