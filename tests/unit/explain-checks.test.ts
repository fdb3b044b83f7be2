import { describe, expect, it } from "vitest";
import { CHECK_IDS, explainAccess, type ExplainFacts } from "@/lib/explain/checks";
import { withAddition } from "@/lib/explain/scope-fix";
import { evaluateAccess, type AccessRequest } from "@/lib/scope/evaluate";
import type { AccessKeyScope } from "@/lib/scope/schema";

const NOW = Date.UTC(2026, 0, 1) as number;
const S = NOW / 1000;
const VC = "/kubernetes/project/default/virtualcluster/dev/api/v1/namespaces";

/** A genuine, valid token's facts for alice (member of `default`), with `scope` when given. */
function token(scope?: unknown, claims: Record<string, unknown> = {}): ExplainFacts {
  const loft: Record<string, unknown> = { uid: "u-1", name: "alice", kind: "User", gen: 2 };
  if (scope !== undefined) loft.scope = scope;
  return {
    credential: {
      kind: "token",
      signature: "valid",
      claims: {
        aud: ["https://kubernetes.default"],
        exp: S + 600,
        nbf: S - 10,
        jti: "j-1",
        "loft.sh": loft,
        ...claims,
      },
    },
    now: NOW,
    owner: { exists: true, tokenGeneration: 2, rights: { admin: false, projects: ["default"] } },
    target: { directEndpoint: true },
    enforcer: "local",
  };
}

const get = (path = VC) => ({ method: "GET", path });

describe("the check list", () => {
  it("is in the order the direct endpoint applies the checks", () => {
    expect(CHECK_IDS).toEqual([
      "signature",
      "not-yet-valid",
      "disabled",
      "expired",
      "owner-gone",
      "generation-revoked",
      "audience",
      "not-a-direct-path",
      "scope",
      "owner-rights",
      "platform-decides",
      "no-direct-endpoint",
    ]);
  });

  it("lets a genuine, valid, in-scope request through, every check run", () => {
    const e = explainAccess(token(), get());
    expect(e.verdict).toBe("allowed");
    expect(e.check).toBeUndefined();
    expect(e.steps.map((s) => s.id)).toEqual(CHECK_IDS);
    expect(e.request).toMatchObject({ verb: "list", resource: "namespaces" });
  });
});

describe("authentication checks", () => {
  it("signature: invalid refuses, unknown leaves it to the platform", () => {
    const facts = token();
    const bad = { ...facts, credential: { ...facts.credential, signature: "invalid" as const } };
    expect(explainAccess(bad, get())).toMatchObject({ verdict: "refused", check: "signature" });
    const unknown = {
      ...facts,
      credential: { ...facts.credential, signature: "unknown" as const },
    };
    expect(explainAccess(unknown, get())).toMatchObject({ verdict: "depends", check: "signature" });
    const noJwt = {
      ...facts,
      credential: { kind: "token" as const, signature: "invalid" as const },
    };
    expect(explainAccess(noJwt, get()).evidence[0]).toMatch(/not a readable JWT/);
  });

  it("not-yet-valid: a future nbf, with when to use it", () => {
    const e = explainAccess(token(undefined, { nbf: S + 60 }), get());
    expect(e).toMatchObject({ verdict: "refused", check: "not-yet-valid" });
    expect(e.fix).toEqual({ action: "wait", text: expect.any(String), at: (S + 60) * 1000 });
  });

  it("expired: exp reached (no leeway), or absent", () => {
    expect(explainAccess(token(undefined, { exp: S }), get()).check).toBe("expired");
    expect(explainAccess(token(undefined, { exp: undefined }), get()).check).toBe("expired");
    expect(explainAccess(token(undefined, { exp: S + 1 }), get()).verdict).toBe("allowed");
  });

  it("names the first failing check: nbf before exp before audience", () => {
    const all = token(undefined, { nbf: S + 60, exp: S - 1, aud: ["x"] });
    expect(explainAccess(all, get()).check).toBe("not-yet-valid");
    expect(explainAccess(token(undefined, { exp: S - 1, aud: ["x"] }), get()).check).toBe(
      "expired",
    );
  });

  it("a sure failure after an undecided check is still a refusal, naming the sure one", () => {
    const facts = token(undefined, { exp: S - 1 });
    const unknown = {
      ...facts,
      credential: { ...facts.credential, signature: "unknown" as const },
    };
    const e = explainAccess(unknown, get());
    expect(e).toMatchObject({ verdict: "refused", check: "expired" });
    expect(e.steps[0]).toMatchObject({ id: "signature", outcome: "unknown" });
  });

  it("owner-gone and generation-revoked", () => {
    const facts = token();
    const gone = { ...facts, owner: { ...facts.owner, exists: false } };
    expect(explainAccess(gone, get()).check).toBe("owner-gone");
    const raised = { ...facts, owner: { ...facts.owner, tokenGeneration: 3 } };
    const e = explainAccess(raised, get());
    expect(e).toMatchObject({ verdict: "refused", check: "generation-revoked" });
    expect(e.evidence[0]).toMatch(/generation 2.*now 3/);
    const noGen = token();
    (noGen.credential as { claims: Record<string, Record<string, unknown>> }).claims[
      "loft.sh"
    ]!.gen = undefined;
    expect(
      explainAccess({ ...noGen, owner: { ...noGen.owner, tokenGeneration: 1 } }, get()).check,
    ).toBe("generation-revoked");
    const unknownGen = { ...facts, owner: { ...facts.owner, tokenGeneration: undefined } };
    expect(explainAccess(unknownGen, get())).toMatchObject({
      verdict: "depends",
      check: "generation-revoked",
    });
  });

  it("teams have no generation; a token naming no owner fails owner-gone", () => {
    const team = token(undefined, { "loft.sh": { uid: "t", name: "ops", kind: "Team" } });
    const ops = {
      ...team,
      owner: { exists: true, rights: { admin: false, projects: ["default"] } },
    };
    const e = explainAccess(ops, get());
    expect(e.verdict).toBe("allowed");
    expect(e.steps.find((s) => s.id === "generation-revoked")?.outcome).toBe("skip");
    const nobody = token(undefined, { "loft.sh": { uid: "x" } });
    expect(explainAccess(nobody, get()).check).toBe("owner-gone");
  });

  it("audience: only https://kubernetes.default", () => {
    const e = explainAccess(token(undefined, { aud: "https://elsewhere" }), get());
    expect(e).toMatchObject({ verdict: "refused", check: "audience" });
    expect(e.fix?.action).toBe("issue-again");
  });

  it("access keys: unknown, disabled, expired; token-only checks skipped", () => {
    const key = (over: object): ExplainFacts => ({
      ...token(),
      credential: {
        kind: "accessKey",
        name: "ci",
        known: true,
        disabled: false,
        expires: null,
        ...over,
      },
    });
    expect(explainAccess(key({ known: false }), get()).check).toBe("signature");
    expect(explainAccess(key({ disabled: true }), get())).toMatchObject({
      check: "disabled",
      fix: { action: "enable-key" },
    });
    expect(explainAccess(key({ expires: NOW }), get()).check).toBe("expired");
    const ok = explainAccess(key({ expires: NOW + 1 }), get());
    expect(ok.verdict).toBe("allowed");
    const skipped = ok.steps.filter((s) => s.outcome === "skip").map((s) => s.id);
    expect(skipped).toEqual([
      "not-yet-valid",
      "generation-revoked",
      "audience",
      "platform-decides",
    ]);
    expect(
      explainAccess(key({ scope: { projects: [{ project: "payments" }] } }), get()).evidence[0],
    ).toMatch(/^the scope of access key "ci" does not allow/);
  });

  it("stage authentication runs only those checks", () => {
    const e = explainAccess(token({ projects: [] }), get("/nowhere"), { stage: "authentication" });
    expect(e.verdict).toBe("allowed");
    expect(e.steps.map((s) => s.id)).toEqual(CHECK_IDS.slice(0, 7));
  });
});

describe("authorization checks", () => {
  it("not-a-direct-path: a URL naming no target, or a management request", () => {
    for (const path of ["/kubernetes/project/default", "/kubernetes/management/apis", "/api/v1"]) {
      expect(explainAccess(token(), get(path))).toMatchObject({
        verdict: "refused",
        check: "not-a-direct-path",
        fix: { action: "fix-url" },
      });
    }
    const mgmt = { access: { target: { kind: "Management" as const }, verb: "get" } };
    expect(explainAccess(token(), mgmt).check).toBe("not-a-direct-path");
  });

  it("reads a full URL as the endpoint reads its path and query", () => {
    const e = explainAccess(token(), {
      method: "GET",
      path: "https://127.0.0.1:8443/kubernetes/project/default/virtualcluster/dev/api/v1/pods?watch=true",
    });
    expect(e.request).toMatchObject({ verb: "watch", resource: "pods" });
  });

  it("scope: a refusal with the evaluator's reasons and the least addition that admits it", () => {
    const scope = { virtualClusters: [{ project: "default", virtualCluster: "preview" }] };
    const e = explainAccess(token(scope), get());
    expect(e).toMatchObject({ verdict: "refused", check: "scope" });
    expect(e.evidence[0]).toMatch(
      /^the token's scope does not allow list on resource "namespaces" at the cluster scope of virtual cluster dev of project default: .*the request is for virtual cluster dev/,
    );
    expect(e.fix).toEqual({
      action: "add-to-scope",
      text: "Issue again with virtualClusters += default/dev.",
      add: { virtualClusters: [{ project: "default", virtualCluster: "dev" }] },
    });
    const widened = withAddition(scope, e.fix!.add!);
    expect(evaluateAccess(widened, e.request as AccessRequest).allowed).toBe(true);
  });

  it("scope fixes name spaces and clusters too", () => {
    const space = explainAccess(token({ projects: [{ project: "payments" }] }), {
      method: "GET",
      path: "/kubernetes/project/default/space/dev/version",
    });
    expect(space.fix?.add).toEqual({ spaces: [{ project: "default", space: "dev" }] });
    const admin = token({ rules: [{ verbs: ["get"] }] });
    admin.owner = { ...admin.owner, rights: { admin: true, projects: [] } };
    const cluster = explainAccess(admin, {
      method: "DELETE",
      path: "/kubernetes/cluster/api/v1/namespaces/x",
      cluster: "c1",
    });
    expect(cluster).toMatchObject({
      check: "scope",
      fix: { add: { clusters: [{ cluster: "c1" }] } },
    });
  });

  it("a scope this platform cannot read is refused everything locally, undecided elsewhere", () => {
    const odd = { projects: [{ project: "*" }], futureLimit: ["x"] };
    const local = explainAccess(token(odd), get());
    expect(local).toMatchObject({ verdict: "refused", check: "scope" });
    expect(local.evidence[0]).toMatch(/fields this platform does not understand \(futureLimit\)/);
    const remote = explainAccess({ ...token(odd), enforcer: "platform" }, get());
    expect(remote).toMatchObject({ verdict: "depends", check: "scope" });
    const invalid = explainAccess({ ...token({ projects: "x" }), enforcer: "platform" }, get());
    expect(invalid).toMatchObject({ verdict: "refused", check: "scope" });
  });

  it("owner-rights: non-members, clusters for non-admins, unknown rights", () => {
    const other = explainAccess(token(), get("/kubernetes/project/payments/space/p/version"));
    expect(other).toMatchObject({ verdict: "refused", check: "owner-rights" });
    expect(other.evidence[0]).toBe(
      'User "alice" cannot use space p of project payments: only members of project payments who may use its instances can',
    );
    expect(other.fix?.action).toBe("ask-for-rights");
    const cluster = explainAccess(token(), get("/kubernetes/cluster/version"));
    expect(cluster.evidence[0]).toMatch(/only platform admins may reach a cluster directly/);
    const facts = token();
    const unknown = explainAccess(
      { ...facts, owner: { ...facts.owner, rights: "unknown" } },
      get(),
    );
    expect(unknown).toMatchObject({ verdict: "depends", check: "owner-rights" });
  });

  it("the scope is checked before the owner's rights; the fix says the rights still refuse", () => {
    const e = explainAccess(
      token({ clusters: [{ cluster: "x" }] }),
      get("/kubernetes/cluster/version"),
    );
    expect(e.check).toBe("scope");
    expect(e.fix).toMatchObject({
      add: { clusters: [{ cluster: "loft-cluster" }] },
      then: "owner-rights",
    });
  });

  it("platform-decides: a role only the platform knows, after the owner's rights", () => {
    const role = { roles: [{ role: "vcluster" }] };
    const local = explainAccess(token(role), get());
    expect(local).toMatchObject({ verdict: "refused", check: "platform-decides" });
    expect(local.evidence[0]).toMatch(
      /may not allow .*only what a scope surely allows is let through/,
    );
    expect(local.fix?.add).toEqual({
      virtualClusters: [{ project: "default", virtualCluster: "dev" }],
    });
    const remote = explainAccess({ ...token(role), enforcer: "platform" }, get());
    expect(remote).toMatchObject({ verdict: "depends", check: "platform-decides" });
    expect(remote.fix?.text).toMatch(
      /^To be sure: Issue again with virtualClusters \+= default\/dev/,
    );
    const notMine = explainAccess(token(role), get("/kubernetes/project/payments/space/p/version"));
    expect(notMine.check).toBe("owner-rights");
  });

  it("no-direct-endpoint: after authorization, with the reason; unknown depends", () => {
    const facts = token();
    const missing = {
      ...facts,
      target: { directEndpoint: false as const, why: 'virtual cluster "dev" not found' },
    };
    expect(explainAccess(missing, get())).toMatchObject({
      verdict: "refused",
      check: "no-direct-endpoint",
      evidence: ['virtual cluster "dev" not found'],
    });
    const refusedFirst = {
      ...missing,
      owner: { ...facts.owner, rights: { admin: false, projects: [] } },
    };
    expect(explainAccess(refusedFirst, get()).check).toBe("owner-rights");
    expect(explainAccess({ ...facts, target: undefined }, get())).toMatchObject({
      verdict: "depends",
      check: "no-direct-endpoint",
    });
  });

  it("self reviews are allowed whatever the scope and rights", () => {
    const none = token({ projects: [] });
    none.owner = { ...none.owner, rights: { admin: false, projects: [] } };
    for (const [group, resource] of [
      ["authorization.k8s.io", "selfsubjectaccessreviews"],
      ["authorization.k8s.io", "selfsubjectrulesreviews"],
      ["authentication.k8s.io", "selfsubjectreviews"],
    ]) {
      const path = `/kubernetes/project/payments/space/p/apis/${group}/v1/${resource}`;
      expect(explainAccess(none, { method: "POST", path }).verdict).toBe("allowed");
    }
    const other =
      "/kubernetes/project/payments/space/p/apis/authorization.k8s.io/v1/subjectaccessreviews";
    expect(explainAccess(none, { method: "POST", path: other }).verdict).toBe("refused");
  });
});

describe("scope additions", () => {
  it("append to what the scope has", () => {
    const scope: AccessKeyScope = { virtualClusters: [{ project: "a", virtualCluster: "b" }] };
    expect(
      withAddition(scope, { virtualClusters: [{ project: "c", virtualCluster: "d" }] })
        .virtualClusters,
    ).toEqual([
      { project: "a", virtualCluster: "b" },
      { project: "c", virtualCluster: "d" },
    ]);
  });
});
