import { describe, expect, it } from "vitest";
import { compareReach, targetLabel } from "@/lib/ledger/compare-reach";
import { isLedgerId, pageHref, readPageParams } from "@/lib/ledger/page-params";
import { expiryText, entryState, entryLifetimes, shortId } from "@/lib/ledger/entry-state";
import { entryTitle, reissueState, scopeSummary } from "@/lib/ledger/summary";
import { encodeScopeState } from "@/lib/scope/url-state";
import { decodeScopeState } from "@/lib/scope/url-state-decode";

const NOW = 1_800_000_000_000;
const WEEK = 7 * 86_400_000;

describe("entryState", () => {
  it.each([
    [{ expiresAt: NOW + 2 * WEEK, revokedAt: null }, "active"],
    [{ expiresAt: null, revokedAt: null }, "active"],
    [{ expiresAt: NOW + WEEK, revokedAt: null }, "expiring"],
    [{ expiresAt: NOW + 1000, revokedAt: null }, "expiring"],
    [{ expiresAt: NOW, revokedAt: null }, "expired"],
    [{ expiresAt: NOW + 1000, revokedAt: NOW - 5 }, "revoked"],
    [{ expiresAt: NOW - 1000, revokedAt: NOW - 5 }, "revoked"],
  ] as const)("%o is %s (the store's filter buckets)", (times, status) => {
    expect(entryState(times, NOW, WEEK)).toBe(status);
  });
});

describe("expiryText and entryLifetimes", () => {
  it("says when a token expires or expired, in words", () => {
    expect(expiryText(NOW + 3 * 3600_000, NOW)).toBe("expires in 3 h");
    expect(expiryText(NOW - 2 * 86_400_000 - 5000, NOW)).toBe("expired 2 days ago");
    expect(expiryText(null, NOW)).toBe("never expires");
  });
  it("compares the requested TTL with the token's own lifetime", () => {
    expect(
      entryLifetimes({ requestedTtl: 86_400, issuedAt: NOW, expiresAt: NOW + 86_400_000 }),
    ).toEqual({ requested: "1 day", issued: "1 day", differs: false });
    expect(
      entryLifetimes({ requestedTtl: 90 * 86_400, issuedAt: NOW, expiresAt: NOW + WEEK }),
    ).toEqual({
      requested: "90 days",
      issued: "7 days",
      differs: true,
    });
    expect(
      entryLifetimes({ requestedTtl: null, issuedAt: NOW, expiresAt: NOW + 3600_000 }),
    ).toEqual({
      requested: "platform default",
      issued: "1 h",
      differs: false,
    });
  });
  it("shortens long ids and keeps short ones", () => {
    expect(shortId("abcdefghijklmnopqrstuvwxyz")).toBe("abcdefgh…wxyz");
    expect(shortId("short-id")).toBe("short-id");
  });
});

describe("entry titles", () => {
  it("is the note when there is one", () => {
    expect(entryTitle({ note: "  CI deploys  ", issuedScope: null })).toBe("CI deploys");
  });
  it("summarises the scope otherwise", () => {
    expect(entryTitle({ note: null, issuedScope: null })).toBe("Unrestricted token");
    expect(scopeSummary({ issuedScope: {} })).toBe("A token that reaches nothing");
    expect(
      scopeSummary({
        issuedScope: {
          virtualClusters: [{ project: "demo", virtualCluster: "dev" }],
          clusters: [{ cluster: "eu-1" }],
        },
      }),
    ).toBe("Project demo: virtual cluster dev and 1 more");
    expect(
      scopeSummary({ issuedScope: { projects: [{ project: "*" }] } }).length,
    ).toBeLessThanOrEqual(90);
    expect(scopeSummary({ issuedScope: { projects: "nope" } })).toBe(
      "A scope this console cannot read",
    );
  });
});

describe("reissueState", () => {
  const scope = { virtualClusters: [{ project: "demo", virtualCluster: "*" }] };
  it("opens the builder with the scope and TTL that were asked for", () => {
    const state = reissueState({
      requested: { ttl: 3600, scope },
      issuedScope: scope,
      requestedTtl: 3600,
    });
    expect(decodeScopeState(encodeScopeState(state))).toEqual({ dropped: [], scope, ttl: 3600 });
  });
  it("an unrestricted token is issued again unrestricted, with the platform's default TTL", () => {
    const state = reissueState({ requested: {}, issuedScope: null, requestedTtl: null });
    expect(encodeScopeState(state)).toBe("unrestricted=1");
  });
  it("never turns an unreadable scope into an unrestricted one", () => {
    const issuedOnly = reissueState({
      requested: { scope: { projects: "bad" } },
      issuedScope: scope,
      requestedTtl: null,
    });
    expect(issuedOnly.scope).toEqual(scope);
    const neither = reissueState({
      requested: { scope: { projects: "bad" } },
      issuedScope: { projects: "bad" },
      requestedTtl: null,
    });
    expect(neither.scope).toEqual({});
    expect(encodeScopeState(neither)).not.toContain("unrestricted");
    const noRequest = reissueState({ requested: {}, issuedScope: { bad: 1 }, requestedTtl: null });
    expect(encodeScopeState(noRequest)).not.toContain("unrestricted");
  });
});

describe("page parameters", () => {
  it("reads a known filter and a cursor, ignoring anything else", () => {
    expect(readPageParams({ filter: "expired", after: "WzEsImEiXQ" })).toEqual({
      filter: "expired",
      after: "WzEsImEiXQ",
    });
    expect(readPageParams({ filter: ["revoked", "all"] })).toEqual({ filter: "revoked" });
    expect(readPageParams({ filter: "nope", after: "<script>" })).toEqual({ filter: "all" });
  });
  it("writes the shortest address", () => {
    expect(pageHref({ filter: "all" })).toBe("/tokens/issued");
    expect(pageHref({ filter: "active", after: "abc" })).toBe(
      "/tokens/issued?filter=active&after=abc",
    );
  });
  it("accepts only UUIDs as ledger ids", () => {
    expect(isLedgerId("0b5f3c1e-8a7d-4c2b-9e1f-3a4b5c6d7e8f")).toBe(true);
    expect(isLedgerId("../x")).toBe(false);
  });
});

describe("compareReach", () => {
  it("sorts targets into added, gone and unchanged", () => {
    const then = {
      at: "t0",
      targets: ["virtualcluster:demo/a", "virtualcluster:demo/b"],
      truncated: false,
    };
    const now = {
      at: "t1",
      targets: ["virtualcluster:demo/b", "virtualcluster:demo/c"],
      truncated: false,
    };
    expect(compareReach(then, now)).toEqual({
      added: ["virtualcluster:demo/c"],
      gone: ["virtualcluster:demo/a"],
      unchanged: ["virtualcluster:demo/b"],
      truncated: false,
    });
    expect(compareReach(then, { ...now, truncated: true }).truncated).toBe(true);
  });
  it("labels targets in words", () => {
    expect(targetLabel("virtualcluster:demo/dev")).toBe("virtual cluster demo/dev");
    expect(targetLabel("space:demo/prod")).toBe("space demo/prod");
    expect(targetLabel("cluster:eu-1")).toBe("cluster eu-1");
    expect(targetLabel("odd")).toBe("odd");
  });
});
