import { describe, expect, it } from "vitest";
import { readCredential } from "@/lib/explain/compare-input";
import {
  compareCredentials,
  sideLifetimeText,
  type CredentialSide,
} from "@/lib/explain/compare-pair";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** An unsigned-looking JWT: the reach diff only decodes it. */
const jwt = (claims: Record<string, unknown>) =>
  `${b64({ alg: "RS256", typ: "JWT" })}.${b64(claims)}.c2lnbmF0dXJl`;

const read = (text: string): CredentialSide => {
  const side = readCredential(text);
  if (side.state !== "read") throw new Error(JSON.stringify(side));
  return side;
};

const ACCESS_KEY = `apiVersion: management.loft.sh/v1
kind: OwnedAccessKey
metadata:
  name: ci-abcde
  creationTimestamp: "2026-01-01T00:00:00Z"
spec:
  displayName: CI
  key: not-read
  ttl: 604800
  scope:
    virtualClusters:
      - project: default
        virtualCluster: x
    futureField: true
`;

describe("readCredential", () => {
  it("reads an OwnedAccessKey manifest's scope and ttl leniently, never its key", () => {
    const side = read(ACCESS_KEY);
    expect(side).toEqual({
      state: "read",
      from: "an OwnedAccessKey manifest",
      kind: "accesskey",
      scope: { virtualClusters: [{ project: "default", virtualCluster: "x" }] },
      lifetime: 604_800,
      expiresAt: "2026-01-08T00:00:00.000Z",
      notUnderstood: ["spec.scope.futureField"],
    });
    expect(JSON.stringify(side)).not.toContain("not-read");
  });

  it("reads an access key without a ttl as never expiring, and one counted from last use", () => {
    expect(read('{"kind":"OwnedAccessKey","spec":{}}')).toMatchObject({
      scope: null,
      lifetime: null,
      expiresAt: null,
    });
    const idle = read('{"kind":"OwnedAccessKey","spec":{"ttl":3600,"ttlAfterLastActivity":true}}');
    expect(idle).toMatchObject({ lifetime: 3600, lifetimeNote: "counted from its last use" });
    expect(idle.expiresAt).toBeUndefined();
  });

  it("refuses an access key whose scope is invalid", () => {
    expect(
      readCredential('{"kind":"OwnedAccessKey","spec":{"scope":{"projects":"x"}}}'),
    ).toMatchObject({
      state: "error",
      message: expect.stringMatching(/^spec\.scope is not valid: projects/),
    });
  });

  it("reads a token's scope and lifetime from its claims", () => {
    const token = jwt({
      iat: 1_700_000_000,
      exp: 1_700_086_400,
      jti: "t1",
      "loft.sh": { kind: "User", name: "admin", scope: { clusters: [{ cluster: "eu" }] } },
    });
    expect(read(token)).toMatchObject({
      from: "a token",
      kind: "token",
      scope: { clusters: [{ cluster: "eu" }] },
      lifetime: 86_400,
      expiresAt: new Date(1_700_086_400_000).toISOString(),
    });
    expect(read(jwt({ iat: 1, "loft.sh": { kind: "User" } }))).toMatchObject({
      scope: null,
      lifetime: null,
      expiresAt: null,
    });
    expect(readCredential(jwt({ iat: 1 }))).toMatchObject({ state: "error" });
  });

  it("reads token manifests, specs and bare scopes; a lifetime only where one is written", () => {
    expect(
      read(
        "apiVersion: management.loft.sh/v1\nkind: DirectClusterEndpointToken\nspec:\n  ttl: 3600\n",
      ),
    ).toMatchObject({
      from: "a DirectClusterEndpointToken manifest",
      kind: "token",
      scope: null,
      lifetime: 3600,
    });
    expect(read('{"projects":[{"project":"p"}]}')).toMatchObject({
      from: "a scope alone",
      scope: { projects: [{ project: "p" }] },
    });
    expect(read('{"projects":[{"project":"p"}]}')).not.toHaveProperty("lifetime");
    expect(read('{"projects":[{"project":"p"}]}')).not.toHaveProperty("kind");
    expect(readCredential("")).toEqual({ state: "empty" });
    expect(readCredential("kind: [")).toMatchObject({ state: "error" });
  });
});

describe("compareCredentials", () => {
  it("says what a rotation gains and loses and how the lifetime changes", () => {
    const before = read(
      "kind: DirectClusterEndpointToken\napiVersion: management.loft.sh/v1\nspec:\n  ttl: 86400\n  scope:\n    spaces: [{project: dev, space: a}]\n",
    );
    const after = read(
      '{"spec":{"ttl":604800,"scope":{"virtualClusters":[{"project":"default","virtualCluster":"x"}]}}}',
    );
    const { diff, summary, lifetimeKnown } = compareCredentials(before, after);
    expect(lifetimeKnown).toBe(true);
    expect(diff.targets.gained.map((g) => g.text)).toEqual(["virtual cluster default/x"]);
    expect(diff.targets.lost.map((l) => l.text)).toEqual(["space dev/a"]);
    expect(summary).toBe(
      "gains virtual cluster default/x; loses space dev/a; lifetime 1 day → 7 days (longer)",
    );
  });

  it("does not call an unknown lifetime unchanged; a bare scope takes the other side's kind", () => {
    const scope = read('{"virtualClusters":[{"project":"default","virtualCluster":"x"}]}');
    const key = read(ACCESS_KEY.replace("futureField: true", ""));
    const { diff, summary, lifetimeKnown } = compareCredentials(scope, key);
    expect(lifetimeKnown).toBe(false);
    expect(diff.kind).toEqual({ before: "accesskey", after: "accesskey" });
    expect(summary).toBe("lifetime not compared (not known on both sides)");
    expect(sideLifetimeText(scope)).toBe("not known (a scope alone says none)");
    expect(sideLifetimeText(key)).toBe("7 days");
  });
});
