import crypto from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ledgerEntryFor } from "@/lib/ledger/entry";
import { reachesByWildcard } from "@/lib/ledger/reach";
import { fingerprintOf } from "@/lib/ledger/store";

const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const session = {
  principal: { kind: "User" as const, name: "alice", uid: "uid-alice" },
  platform: "https://platform.example",
};

async function token(claims: Record<string, unknown>) {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256" }).sign(privateKey);
}

describe("ledger entry for an issued token", () => {
  it("takes id, times, generation and scope from the token's claims, and keeps only a fingerprint", async () => {
    const scope = { virtualClusters: [{ project: "default", virtualCluster: "*" }] };
    const jwt = await token({
      jti: "3f2c",
      iat: 1_800_000_000,
      exp: 1_800_003_600,
      "loft.sh": { name: "alice", kind: "User", gen: 4, scope },
    });
    const entry = ledgerEntryFor(
      session,
      {
        unrestricted: false,
        spec: { ttl: 3600, scope: { projects: [{ project: "x" }] } },
        note: "CI",
      },
      jwt,
    );
    expect(entry).toEqual({
      principal: "user:alice",
      principalUid: "uid-alice",
      user: "alice",
      platform: "https://platform.example",
      tokenId: "3f2c",
      fingerprint: fingerprintOf(jwt),
      requested: { ttl: 3600, scope: { projects: [{ project: "x" }] } },
      issuedScope: scope,
      requestedTtl: 3600,
      issuedAt: 1_800_000_000_000,
      expiresAt: 1_800_003_600_000,
      generation: 4,
      note: "CI",
    });
    expect(JSON.stringify(entry)).not.toContain(jwt.split(".")[2]);
  });

  it("an unrestricted token: no scope; no gen counts as 0; no exp, no expiry; no note is null", async () => {
    const jwt = await token({ iat: 1_800_000_000, "loft.sh": { name: "alice", kind: "User" } });
    const entry = ledgerEntryFor(session, { unrestricted: true, spec: {} }, jwt, 42);
    expect(entry).toMatchObject({
      tokenId: null,
      issuedScope: null,
      generation: 0,
      expiresAt: null,
      requestedTtl: null,
      note: null,
    });
  });

  it("a token it cannot decode keeps what was asked for and the time it arrived", () => {
    const entry = ledgerEntryFor(
      session,
      { unrestricted: false, spec: { scope: { projects: [{ project: "p" }] } } },
      "not-a-jwt",
      1234,
    );
    expect(entry).toMatchObject({
      issuedScope: { projects: [{ project: "p" }] },
      issuedAt: 1234,
      fingerprint: fingerprintOf("not-a-jwt"),
    });
  });

  it("fingerprints ignore surrounding whitespace, as a pasted token has", () => {
    expect(fingerprintOf("  abc.def.ghi\n")).toBe(fingerprintOf("abc.def.ghi"));
    expect(fingerprintOf("abc.def.ghi")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("scopes whose reach changes with the platform", () => {
  it.each([
    [{ projects: [{ project: "default" }] }, true],
    [{ virtualClusters: [{ project: "default", virtualCluster: "*" }] }, true],
    [{ spaces: [{ project: "default", space: "*" }] }, true],
    [{ clusters: [{ cluster: "*" }] }, true],
    [{ virtualClusters: [{ project: "default", virtualCluster: "dev" }] }, false],
    [{ rules: [{ verbs: ["*"], resources: [{ group: "", resources: ["*"] }] }] }, false],
    [null, false],
    [{ projects: "not a list" }, false],
  ])("%j → %s", (scope, expected) => {
    expect(reachesByWildcard(scope)).toBe(expected);
  });
});
