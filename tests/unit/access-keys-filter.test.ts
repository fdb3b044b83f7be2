import { describe, expect, it } from "vitest";
import {
  isSignInType,
  keysHref,
  ownedBy,
  readKeysParams,
  visibleKeys,
} from "@/lib/access-keys/filter";

describe("ownedBy", () => {
  const alice = { kind: "User", name: "alice" } as const;
  const ops = { kind: "Team", name: "ops" } as const;

  it("keeps a user's keys by spec.user, a team's by spec.team", () => {
    expect(ownedBy({ user: "alice" }, alice)).toBe(true);
    expect(ownedBy({ user: "bob" }, alice)).toBe(false);
    expect(ownedBy({ team: "ops" }, ops)).toBe(true);
    expect(ownedBy({ team: "dev" }, ops)).toBe(false);
  });

  it("never mixes up user ops and team ops, nor keeps a key without an owner", () => {
    const userOps = { kind: "User", name: "ops" } as const;
    expect(ownedBy({ team: "ops" }, userOps)).toBe(false);
    expect(ownedBy({ user: "ops" }, ops)).toBe(false);
    expect(ownedBy({}, alice)).toBe(false);
    expect(ownedBy(undefined, alice)).toBe(false);
  });
});

describe("visibleKeys", () => {
  const keys = [
    { name: "ci", type: "User" },
    { name: "login-1", type: "Login" },
    { name: "reset-1", type: "Reset" },
    { name: "oidc-1", type: "OIDCRefreshToken" },
    { name: "legacy", type: "" },
  ];

  it("hides Login, Reset and OIDCRefreshToken keys unless asked", () => {
    const hidden = visibleKeys(keys, { showAll: false }, undefined);
    expect(hidden.shown.map((k) => k.name)).toEqual(["ci", "legacy"]);
    expect(hidden.hidden).toBe(3);
    const all = visibleKeys(keys, { showAll: true }, undefined);
    expect(all.shown).toHaveLength(5);
    expect(all.hidden).toBe(0);
    expect(all.signInKeys).toBe(3);
  });

  it("always shows the key the session signed in with, and does not count it as hidden", () => {
    const shown = visibleKeys(keys, { showAll: false }, "login-1");
    expect(shown.shown.map((k) => k.name)).toEqual(["ci", "login-1", "legacy"]);
    expect(shown.hidden).toBe(2);
  });

  it("knows the sign-in types and nothing else", () => {
    expect(["Login", "Reset", "OIDCRefreshToken"].every(isSignInType)).toBe(true);
    expect(["User", "", "Other", "NetworkPeer", "Workspace", undefined].some(isSignInType)).toBe(
      false,
    );
  });
});

describe("page params", () => {
  it("keeps the filter in ?show=all and ignores anything else", () => {
    expect(readKeysParams({ show: "all" })).toEqual({ showAll: true });
    expect(readKeysParams({ show: ["all", "x"] })).toEqual({ showAll: false });
    expect(readKeysParams({ show: "yes", other: "1" })).toEqual({ showAll: false });
    expect(keysHref({ showAll: true })).toBe("/access-keys?show=all");
    expect(keysHref({ showAll: false })).toBe("/access-keys");
  });
});
