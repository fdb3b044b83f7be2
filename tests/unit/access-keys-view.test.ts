import { describe, expect, it } from "vitest";
import type { OwnedAccessKey } from "@/lib/management/access-keys";
import { byNewest, keyScopeWords, reissueHref, toKeyView } from "@/lib/access-keys/view";
import { decodeScopeState } from "@/lib/scope/url-state-decode";

const SECRET = "sk-very-secret-0123456789abcdef";
const OIDC = "eyJhbGciOiJSUzI1NiJ9.oidc-refresh-token";

/** A key as a platform may send it, secrets and all. */
const raw = (over: Partial<OwnedAccessKey> = {}): OwnedAccessKey => ({
  apiVersion: "management.loft.sh/v1",
  kind: "OwnedAccessKey",
  metadata: {
    name: "ci-deploy",
    uid: "u-1",
    resourceVersion: "7",
    creationTimestamp: "2026-03-01T10:00:00Z",
  },
  spec: {
    user: "alice",
    displayName: "CI deploy",
    description: "Deploys payments from CI",
    key: SECRET,
    type: "User",
    ttl: 86_400,
    scope: { projects: [{ project: "payments" }] },
    oidcLogin: { idToken: OIDC, accessToken: OIDC, refreshToken: OIDC },
    identity: { connectorData: OIDC, email: "alice@example.com" },
    parent: "other-key",
  },
  status: { lastActivity: "2026-03-02T10:00:00Z" },
  ...over,
});

describe("toKeyView", () => {
  it("copies out what the page shows and never a secret", () => {
    const view = toKeyView(raw(), undefined);
    const json = JSON.stringify(view);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain(OIDC);
    expect(json).not.toContain("alice@example.com");
    expect(Object.keys(view).sort()).toEqual(
      [
        "name",
        "displayName",
        "description",
        "type",
        "typeLabel",
        "scope",
        "createdAt",
        "ttl",
        "ttlAfterLastActivity",
        "lastActivity",
        "expiry",
        "disabled",
        "current",
        "reissueHref",
      ].sort(),
    );
    expect(view).toMatchObject({
      name: "ci-deploy",
      displayName: "CI deploy",
      description: "Deploys payments from CI",
      type: "User",
      ttl: 86_400,
      disabled: false,
      current: false,
      createdAt: Date.parse("2026-03-01T10:00:00Z"),
      lastActivity: Date.parse("2026-03-02T10:00:00Z"),
      expiry: { kind: "fixed", at: Date.parse("2026-03-02T10:00:00Z") },
    });
  });

  it("falls back to the name, marks the signed-in key and a disabled one", () => {
    const view = toKeyView(
      raw({ spec: { user: "alice", displayName: "  ", disabled: true } }),
      "ci-deploy",
    );
    expect(view.displayName).toBe("ci-deploy");
    expect(view.description).toBeNull();
    expect(view.current).toBe(true);
    expect(view.disabled).toBe(true);
    expect(view.type).toBe("");
    expect(view.expiry).toEqual({ kind: "never" });
    expect(view.scope.unrestricted).toBe(true);
  });

  it("counts a key's lifetime from its last use with ttlAfterLastActivity", () => {
    const view = toKeyView(
      raw({ spec: { user: "alice", ttl: 3600, ttlAfterLastActivity: true } }),
      undefined,
    );
    expect(view.expiry).toEqual({
      kind: "after-last-use",
      at: Date.parse("2026-03-02T11:00:00Z"),
      from: "last-use",
      ttl: 3600,
    });
  });

  it("orders newest first", () => {
    const older = toKeyView(raw(), undefined);
    const newer = toKeyView(
      raw({ metadata: { name: "b", creationTimestamp: "2026-04-01T00:00:00Z" } }),
      undefined,
    );
    const undated = toKeyView(raw({ metadata: { name: "a" } }), undefined);
    expect([older, undated, newer].sort(byNewest).map((v) => v.name)).toEqual([
      "b",
      "ci-deploy",
      "a",
    ]);
  });
});

describe("scope in words", () => {
  it("says unrestricted for a key without a scope", () => {
    expect(keyScopeWords(undefined)).toEqual({
      unrestricted: true,
      lines: ["Unrestricted: this key can do everything you may do."],
    });
  });

  it("describes each entry, and an empty scope as reaching nothing", () => {
    const words = keyScopeWords({
      projects: [{ project: "payments" }],
      virtualClusters: [{ project: "demo", virtualCluster: "dev" }],
    });
    expect(words.unrestricted).toBe(false);
    expect(words.lines.join("\n")).toContain("payments");
    expect(words.lines.join("\n")).toMatch(/demo.*dev/);
    expect(keyScopeWords({}).lines[0]).toMatch(/^Reaches nothing/);
  });

  it("names fields it does not understand instead of failing", () => {
    const words = keyScopeWords({ projects: [{ project: "a" }], futureField: true });
    expect(words.lines.at(-1)).toContain("futureField");
  });
});

describe("Issue again with this scope", () => {
  it("opens the builder with the key's scope and lifetime, asking for an access key", () => {
    const href = reissueHref({ projects: [{ project: "payments" }] }, 86_400);
    expect(href.startsWith("/tokens/new?")).toBe(true);
    const params = new URLSearchParams(href.split("?")[1]);
    expect(params.get("credential")).toBe("accesskey");
    const decoded = decodeScopeState(params);
    expect(decoded.scope).toEqual({ projects: [{ project: "payments" }] });
    expect(decoded.ttl).toBe(86_400);
  });

  it("keeps an unrestricted key unrestricted, and never widens an unreadable scope", () => {
    expect(reissueHref(undefined, null)).toBe("/tokens/new?unrestricted=1&credential=accesskey");
    const unreadable = reissueHref({ projects: "not a list" }, null);
    expect(unreadable).toBe("/tokens/new?credential=accesskey");
  });
});
