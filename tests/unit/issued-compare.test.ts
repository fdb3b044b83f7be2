import { base64url } from "jose";
import { describe, expect, it } from "vitest";
import { compareIssued } from "@/lib/issuing/results";
import { decodeToken, type DecodedToken } from "@/lib/token/decode";

const b64 = (value: unknown) => base64url.encode(JSON.stringify(value));

function token(claims: Record<string, unknown>): DecodedToken {
  const result = decodeToken(`${b64({ alg: "RS256", typ: "JWT" })}.${b64(claims)}.c2ln`);
  if (!result.ok) throw new Error("test token did not decode");
  return result;
}

const IAT = 1_800_000_000;

describe("compareIssued: the token against what was asked for", () => {
  it("finds nothing when the claim holds the same scope with its keys in another order", () => {
    const requested = {
      ttl: 3600,
      scope: {
        virtualClusters: [{ project: "demo", virtualCluster: "dev" }],
        roles: [{ role: "vcluster", projects: ["demo"] }],
      },
    };
    const issued = token({
      iat: IAT,
      exp: IAT + 3600,
      "loft.sh": {
        scope: {
          roles: [{ projects: ["demo"], role: "vcluster" }],
          virtualClusters: [{ virtualCluster: "dev", project: "demo" }],
        },
      },
    });
    expect(compareIssued(requested, false, issued)).toEqual([]);
  });

  it("names a narrowed scope and a capped lifetime", () => {
    const requested = { ttl: 7200, scope: { projects: [{ project: "demo" }, { project: "ops" }] } };
    const issued = token({
      iat: IAT,
      exp: IAT + 3600,
      "loft.sh": { scope: { projects: [{ project: "demo" }] } },
    });
    const differences = compareIssued(requested, false, issued);
    expect(differences).toHaveLength(2);
    expect(differences[0]).toMatch(/^Lifetime: .*\(the platform capped it\)\.$/);
    expect(differences[1]).toMatch(/^Scope: the scope in the token differs/);
  });

  it("names a scope the platform left out, or one it added to an unrestricted request", () => {
    const scoped = { scope: { projects: [{ project: "demo" }] } };
    expect(compareIssued(scoped, false, token({ iat: IAT }))).toEqual([
      "Scope: you asked for a scoped token, but the token carries no scope claim.",
    ]);
    const added = token({ iat: IAT, "loft.sh": { scope: { projects: [{ project: "demo" }] } } });
    expect(compareIssued({}, true, added)).toEqual([
      "Scope: you asked for an unrestricted token, but the platform added a scope.",
    ]);
  });
});
