import { describe, expect, it } from "vitest";
import { DEFAULT_NEXT_PATH, safeNextPath } from "@/lib/session/next-path";

/** Where a browser would go if redirected to `location` from http://console.test/sign-in. */
const resolved = (location: string) => new URL(location, "http://console.test/sign-in");

describe("safeNextPath: the only judge of where sign-in leads", () => {
  it.each([
    "/tokens/new",
    "/tokens/inspect",
    "/tokens/new?p=default&ttl=3600",
    "/tokens/new?v=demo/*#preview",
    "/tokens/%E0%A4%A", // malformed percent-encoding stays a harmless same-origin path
  ])("keeps the same-origin path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    ["backslash (the reported attack)", "/\\evil.example/x"],
    ["encoded backslash", "/%5Cevil.example/x"],
    ["double-encoded backslash", "/%255Cevil.example/x"],
    ["tab (browsers strip it: //evil)", "/%09/evil.example/"],
    ["raw tab", "/\t/evil.example/"],
    ["newline", "/%0A/evil.example/"],
    ["carriage return", "/%0d/evil.example/"],
    ["NUL", "/%00/evil.example"],
    ["DEL", "/%7F/evil.example"],
    ["C1 control", "/%C2%85/evil.example"],
    ["protocol-relative", "//evil.example/x"],
    ["encoded second slash", "/%2Fevil.example/x"],
    ["double-encoded second slash", "/%252Fevil.example"],
    ["dot segment to //", "/.//evil.example/x"],
    ["dot-dot segment to //", "/a/..//evil.example"],
    ["absolute URL", "https://evil.example/x"],
    ["scheme-relative with backslashes", "\\\\evil.example"],
    ["javascript URL", "javascript:alert(1)"],
    ["data URL", "data:text/html,<script>alert(1)</script>"],
    ["relative path", "evil.example"],
    ["empty", ""],
    ["too long", `/${"a".repeat(3000)}`],
    ["not a string", ["/tokens/new", "//evil.example"]],
    ["null", null],
  ])("sends %s to the builder", (_, value) => {
    expect(safeNextPath(value)).toBe(DEFAULT_NEXT_PATH);
  });

  it("never yields a location that leaves the origin, for a seeded batch of hostile mixes", () => {
    const pieces = [
      "/",
      "\\",
      "%5C",
      "%2F",
      "%09",
      "%0A",
      ".",
      "..",
      "evil.example",
      "%25",
      "@",
      ":",
    ];
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 5_000; i++) {
      let value = "/";
      for (let j = 0; j < 6; j++) value += pieces[next() % pieces.length];
      const result = safeNextPath(value);
      expect(result.startsWith("/")).toBe(true);
      expect(result.startsWith("//")).toBe(false);
      expect(resolved(result).origin).toBe("http://console.test");
    }
  });
});
