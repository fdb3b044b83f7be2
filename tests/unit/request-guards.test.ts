import { describe, expect, it } from "vitest";
import { isCrossSiteAction } from "@/lib/server/origin";

describe("isCrossSiteAction", () => {
  const action = { "next-action": "abc", host: "127.0.0.1:3000" };
  it("is true when Origin names another host, or null, or is malformed", () => {
    expect(isCrossSiteAction("POST", { ...action, origin: "http://evil.example" })).toBe(true);
    expect(isCrossSiteAction("POST", { ...action, origin: "null" })).toBe(true);
    expect(isCrossSiteAction("POST", { ...action, origin: "http://127.0.0.1:3001" })).toBe(true);
    expect(isCrossSiteAction("POST", { ...action, origin: "::" })).toBe(true);
  });

  it("is false for the same host, a forwarded host that matches, no Origin, or no action", () => {
    expect(isCrossSiteAction("POST", { ...action, origin: "http://127.0.0.1:3000" })).toBe(false);
    expect(
      isCrossSiteAction("POST", {
        ...action,
        origin: "https://console.example.com",
        "x-forwarded-host": "console.example.com, 10.0.0.1",
      }),
    ).toBe(false);
    expect(isCrossSiteAction("POST", action)).toBe(false);
    expect(isCrossSiteAction("POST", { host: "a", origin: "http://b" })).toBe(false);
    expect(isCrossSiteAction("GET", { ...action, origin: "http://evil.example" })).toBe(false);
  });
});
