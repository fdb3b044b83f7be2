import { describe, expect, it } from "vitest";
import { formatClaimDate, formatDuration, timeValidity } from "@/lib/token/time";

const NOW = 1_700_000_000_000;
const at = (offsetSeconds: number) => NOW / 1000 + offsetSeconds;

describe("timeValidity", () => {
  it("says how long a token stays valid", () => {
    expect(timeValidity({ iat: at(-60), exp: at(3 * 3600 + 12 * 60 + 30) }, NOW)).toEqual({
      state: "valid",
      text: "valid for 3 h 12 min",
      remaining: 3 * 3600 + 12 * 60 + 30,
    });
  });
  it("says how long ago a token expired", () => {
    expect(timeValidity({ exp: at(-2 * 86_400 - 5) }, new Date(NOW))).toMatchObject({
      state: "expired",
      text: "expired 2 days ago",
    });
  });
  it("says when a token is not yet valid", () => {
    expect(timeValidity({ nbf: at(300), exp: at(3600) }, NOW)).toMatchObject({
      state: "not-yet-valid",
      text: "not yet valid (starts in 5 min)",
    });
  });
  it("handles a token without exp", () => {
    expect(timeValidity({}, NOW)).toEqual({ state: "no-expiry", text: "valid, never expires" });
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [45, "45 s"],
    [60, "1 min"],
    [3600, "1 h"],
    [3 * 3600 + 12 * 60, "3 h 12 min"],
    [86_400, "1 day"],
    [86_400 + 4 * 3600, "1 day 4 h"],
    [30 * 86_400, "30 days"],
  ])("%i s → %s", (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

describe("formatClaimDate", () => {
  it("formats seconds as a date in the given time zone", () => {
    const text = formatClaimDate(1_700_000_000, { timeZone: "UTC", locale: "en-US" });
    expect(text).toMatch(/Nov 14, 2023.*10:13:20 PM UTC/);
    expect(formatClaimDate(1_700_000_000, { timeZone: "Asia/Tokyo", locale: "en-US" })).toMatch(
      /Nov 15, 2023/,
    );
  });
  it("returns undefined for a missing or non-numeric claim", () => {
    expect(formatClaimDate(undefined)).toBeUndefined();
    expect(formatClaimDate("soon")).toBeUndefined();
  });
});
