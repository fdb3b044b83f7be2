import { describe, expect, it } from "vitest";
import {
  activityTracked,
  expiryWords,
  isExpired,
  keyExpiry,
  lastUseWords,
  readTime,
} from "@/lib/access-keys/expiry";

const CREATED = Date.parse("2026-03-01T10:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("keyExpiry", () => {
  it("never expires without a ttl (absent or 0)", () => {
    for (const ttl of [null, 0])
      expect(
        keyExpiry({ createdAt: CREATED, ttl, ttlAfterLastActivity: false, lastActivity: null }),
      ).toEqual({ kind: "never" });
  });

  it("counts a plain ttl from creation, whatever the last use", () => {
    expect(
      keyExpiry({
        createdAt: CREATED,
        ttl: 3600,
        ttlAfterLastActivity: false,
        lastActivity: CREATED + 5 * HOUR,
      }),
    ).toEqual({ kind: "fixed", at: CREATED + HOUR });
  });

  it("counts ttlAfterLastActivity from the last use the platform reported", () => {
    expect(
      keyExpiry({
        createdAt: CREATED,
        ttl: 86_400,
        ttlAfterLastActivity: true,
        lastActivity: CREATED + 3 * DAY,
      }),
    ).toEqual({ kind: "after-last-use", at: CREATED + 4 * DAY, from: "last-use", ttl: 86_400 });
  });

  it("counts ttlAfterLastActivity from creation while no use was reported", () => {
    expect(
      keyExpiry({
        createdAt: CREATED,
        ttl: 86_400,
        ttlAfterLastActivity: true,
        lastActivity: null,
      }),
    ).toEqual({ kind: "after-last-use", at: CREATED + DAY, from: "creation", ttl: 86_400 });
  });

  it("says the start is unknown when the platform sent no creation time", () => {
    expect(
      keyExpiry({ createdAt: null, ttl: 60, ttlAfterLastActivity: false, lastActivity: null }),
    ).toEqual({ kind: "unknown", ttl: 60, afterLastUse: false });
  });
});

describe("expiryWords", () => {
  const now = CREATED + 2 * HOUR;

  it("words a fixed expiry ahead and behind", () => {
    expect(expiryWords({ kind: "fixed", at: now + 3 * HOUR }, now)).toBe("expires in 3 h");
    expect(expiryWords({ kind: "fixed", at: now - 2 * DAY }, now)).toBe("expired 2 days ago");
    expect(expiryWords({ kind: "never" }, now)).toMatch(/^never/);
  });

  it("says an expiry is counted from last use, and from creation while unused", () => {
    const used = expiryWords(
      { kind: "after-last-use", at: now + DAY, from: "last-use", ttl: 86_400 },
      now,
    );
    expect(used).toBe(
      "expires in 1 day (counted from last use: 1 day after the key was last used)",
    );
    const unused = expiryWords(
      { kind: "after-last-use", at: now + DAY, from: "creation", ttl: 86_400 },
      now,
    );
    expect(unused).toContain("counted from last use");
    expect(unused).toContain("no use reported yet, so counted from creation");
  });

  it("isExpired only for a moment in the past", () => {
    expect(isExpired({ kind: "fixed", at: now }, now)).toBe(true);
    expect(isExpired({ kind: "fixed", at: now + 1 }, now)).toBe(false);
    expect(isExpired({ kind: "never" }, now)).toBe(false);
  });
});

describe("last use", () => {
  it("is 'never used' where the platform reports use, 'unknown' where it does not", () => {
    expect(lastUseWords(null, true, CREATED)).toBe("never used");
    expect(lastUseWords(null, false, CREATED)).toMatch(/^unknown/);
    expect(lastUseWords(CREATED - 3 * HOUR, true, CREATED)).toBe("3 h ago");
  });

  it("decides from the signed-in key (certainly used), else from any key", () => {
    const keys = [
      { name: "mine", lastActivity: null },
      { name: "ci", lastActivity: CREATED },
    ];
    expect(activityTracked(keys, "mine")).toBe(false);
    expect(activityTracked(keys, "ci")).toBe(true);
    expect(activityTracked(keys, undefined)).toBe(true);
    expect(activityTracked([{ name: "a", lastActivity: null }], undefined)).toBe(false);
  });

  it("reads RFC 3339 times and Unix seconds, and nothing else", () => {
    expect(readTime("2026-03-01T10:00:00Z")).toBe(CREATED);
    expect(readTime(CREATED / 1000)).toBe(CREATED);
    for (const bad of [undefined, null, "", "yesterday", 0, Number.NaN, {}])
      expect(readTime(bad)).toBeNull();
  });
});
