import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { parseDuration } from "@/lib/scope/form";
import { ttlSeconds } from "@/lib/scope/schema";

describe("parseDuration: what the Custom duration input means", () => {
  it.each<[string, number]>([
    ["3600", 3600],
    ["0", 0],
    ["007", 7],
    ["45s", 45],
    ["90m", 5400],
    ["36h", 129_600],
    ["2d", 172_800],
    ["1w", 604_800],
    ["2d 4h", 187_200],
    ["2d4h", 187_200],
    ["1w 2d 3h 4m 5s", 788_645],
    ["1h 1h", 7200],
    ["  12h  ", 43_200],
    ["\t90m\n", 5400],
    ["90 m", 5400],
    ["2 d  4 h", 187_200],
    ["12H", 43_200],
    ["3D 4h", 273_600],
  ])("%j → %d seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    "",
    "   ",
    "h",
    "1 2h",
    "12x",
    "12 hours",
    "1.5h",
    "-5",
    "-5m",
    "+5m",
    "5m-",
    "h5",
    "5 m s",
    "1e3",
    "0x10",
    "١٢h",
  ])("%j is not a duration", (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it("overflow: numbers beyond a TTL stay numbers (never Infinity) that ttlSeconds refuses", () => {
    for (const text of [
      "99999999999999999999",
      "9007199254740993",
      "9".repeat(400),
      `${"9".repeat(400)}w`,
    ]) {
      const seconds = parseDuration(text);
      expect(seconds).not.toBeNull();
      expect(Number.isFinite(seconds)).toBe(true);
      expect(z.safeParse(ttlSeconds, seconds).error?.issues[0]?.message).toBe("is too large");
    }
    expect(z.safeParse(ttlSeconds, parseDuration(String(Number.MAX_SAFE_INTEGER))).success).toBe(
      true,
    );
  });
});
