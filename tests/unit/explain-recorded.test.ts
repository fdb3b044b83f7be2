import { describe, expect, it } from "vitest";
import { explainAccess, type ExplainFacts, type OwnerFacts } from "@/lib/explain/checks";
import {
  recordedCredentialFacts,
  recordedCredentialOf,
  recordedOwnerFacts,
  type RecordedCredential,
} from "@/lib/explain/recorded-credential";
import type { LedgerEntry } from "@/lib/ledger/store";

const NOW = Date.UTC(2026, 0, 1) as number;
const VC = (vc: string) => `/kubernetes/project/default/virtualcluster/${vc}/api/v1/namespaces`;
const get = (path: string) => ({ method: "GET", path });
const RIGHTS: OwnerFacts["rights"] = { admin: false, projects: ["default"] };

function entry(patch: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: "e-1",
    kind: "token",
    credentialName: null,
    principal: "user:alice",
    principalUid: "u-1",
    user: "alice",
    platform: "local",
    tokenId: "j-1",
    fingerprint: "f",
    requested: {},
    issuedScope: { virtualClusters: [{ project: "default", virtualCluster: "dev" }] },
    requestedTtl: 3600,
    issuedAt: NOW - 60_000,
    expiresAt: NOW + 3_540_000,
    generation: 2,
    note: "ci deploys",
    reach: null,
    revokedAt: null,
    ...patch,
  };
}

/** The facts the inspector builds for a recorded credential, the owner's generation known. */
function recordedFacts(r: RecordedCredential, owner: OwnerFacts = {}): ExplainFacts {
  return {
    credential: recordedCredentialFacts(r),
    now: NOW,
    owner: { ...recordedOwnerFacts(r), tokenGeneration: 2, rights: "unknown", ...owner },
    enforcer: "local",
  };
}

describe("a credential chosen from Issued tokens", () => {
  it("is what the ledger recorded, without any secret", () => {
    const r = recordedCredentialOf(entry());
    expect(r).toEqual({
      id: "e-1",
      label: "Token, 2025-12-31 23:59 UTC — ci deploys",
      kind: "token",
      owner: { kind: "User", name: "alice" },
      jti: "j-1",
      issuedAt: NOW - 60_000,
      expiresAt: NOW + 3_540_000,
      generation: 2,
      scope: { virtualClusters: [{ project: "default", virtualCluster: "dev" }] },
      revokedAt: null,
      ttl: 3600,
    });
    expect(JSON.stringify(r)).not.toContain('"f"');
  });

  it("is refused at the scope with the fix, for a target its recorded scope excludes", () => {
    const e = explainAccess(recordedFacts(recordedCredentialOf(entry())), get(VC("x")));
    expect(e.verdict).toBe("refused");
    expect(e.check).toBe("scope");
    expect(e.fix?.add).toEqual({
      virtualClusters: [{ project: "default", virtualCluster: "x" }],
    });
  });

  it("depends on what was not recorded when every recorded check passes", () => {
    const e = explainAccess(recordedFacts(recordedCredentialOf(entry())), get(VC("dev")));
    expect(e.verdict).toBe("depends");
    expect(e.check).toBe("signature");
    expect(e.evidence.join(" ")).toMatch(/Chosen from Issued tokens/);
    const outcome = (id: string) => e.steps.find((s) => s.id === id)?.outcome;
    expect(outcome("not-yet-valid")).toBe("unknown");
    expect(outcome("audience")).toBe("unknown");
    expect(outcome("expired")).toBe("pass");
    expect(outcome("generation-revoked")).toBe("pass");
    expect(outcome("scope")).toBe("pass");
  });

  it("is refused as expired, and as revoked by a raised generation", () => {
    const expired = recordedCredentialOf(entry({ expiresAt: NOW - 1000 }));
    expect(explainAccess(recordedFacts(expired), get(VC("dev"))).check).toBe("expired");
    const old = recordedCredentialOf(entry({ generation: 1 }));
    expect(explainAccess(recordedFacts(old), get(VC("dev"))).check).toBe("generation-revoked");
  });

  it("reads a team's token (no generation) and an access key deleted on Access keys", () => {
    const team = recordedCredentialOf(entry({ principal: "team:ops", user: "ops" }));
    const teamSteps = explainAccess(recordedFacts(team), get(VC("dev"))).steps;
    expect(teamSteps.find((s) => s.id === "generation-revoked")?.outcome).toBe("skip");
    const key = recordedCredentialOf(
      entry({ kind: "accesskey", credentialName: "ci", tokenId: null, revokedAt: NOW - 5 }),
    );
    expect(key).toMatchObject({ kind: "accessKey", name: "ci" });
    const e = explainAccess(recordedFacts(key), get(VC("dev")));
    expect(e).toMatchObject({ verdict: "refused", check: "signature" });
    const live = recordedCredentialOf(entry({ kind: "accesskey", credentialName: "ci" }));
    const steps = explainAccess(recordedFacts(live), get(VC("x"))).steps;
    expect(steps.find((s) => s.id === "disabled")?.outcome).toBe("unknown");
    expect(explainAccess(recordedFacts(live), get(VC("x"))).check).toBe("scope");
  });

  it("takes the platform's answer about the owner's rights for the request", () => {
    const r = recordedCredentialOf(entry({ issuedScope: null }));
    const ask = (answered: OwnerFacts["answered"]) =>
      explainAccess(recordedFacts(r, { answered }), get(VC("dev")));
    expect(ask({ answer: "refused", reason: "not a member of project default" })).toMatchObject({
      verdict: "refused",
      check: "owner-rights",
    });
    expect(ask({ answer: "allowed" }).steps.find((s) => s.id === "owner-rights")?.outcome).toBe(
      "pass",
    );
    expect(
      ask({ answer: "depends", reason: "a role" }).steps.find((s) => s.id === "owner-rights")
        ?.outcome,
    ).toBe("unknown");
  });
});

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the recorded explanation never contradicts the token's", () => {
  it("names the token's refusing check when the ledger records it, and never refuses what the token may do", () => {
    const next = random(21);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    const vcs = ["dev", "prod", "x"];
    let compared = 0;
    for (let i = 0; i < 400; i++) {
      const scope = pick([
        null,
        { virtualClusters: [{ project: "default", virtualCluster: pick(vcs) }] },
        { projects: [{ project: pick(["default", "other"]) }] },
      ]);
      const e = entry({
        issuedScope: scope,
        expiresAt: NOW + pick([-5_000, 60_000, 3_600_000]),
        generation: pick([1, 2]),
      });
      const r = recordedCredentialOf(e);
      const rights = pick<OwnerFacts["rights"]>([RIGHTS, { admin: false, projects: ["other"] }]);
      // The token the entry was recorded from: genuine, with nbf and aud, as the platform signs it.
      const loft: Record<string, unknown> = { kind: "User", name: "alice", gen: e.generation };
      if (scope) loft.scope = scope;
      const tokenFacts: ExplainFacts = {
        credential: {
          kind: "token",
          signature: "valid",
          claims: {
            aud: ["https://kubernetes.default"],
            nbf: Math.floor(e.issuedAt / 1000),
            iat: Math.floor(e.issuedAt / 1000),
            exp: Math.floor(e.expiresAt! / 1000),
            jti: e.tokenId,
            "loft.sh": loft,
          },
        },
        now: NOW,
        owner: { kind: "User", name: "alice", exists: true, tokenGeneration: 2, rights },
        enforcer: "local",
      };
      const request = get(VC(pick(vcs)));
      const truth = explainAccess(tokenFacts, request);
      const told = explainAccess(recordedFacts(r, { exists: true, rights }), request);
      if (truth.verdict === "refused") expect(told.check).toBe(truth.check);
      else expect(told.verdict).not.toBe("refused");
      compared++;
    }
    expect(compared).toBe(400);
  });
});
