import { describe, expect, it } from "vitest";
import type { ExplainFacts } from "@/lib/explain/checks";
import { rulesReview } from "@/lib/explain/rules";

const VC = { kind: "ProjectVirtualCluster", project: "default", virtualCluster: "dev" } as const;

function facts(scope?: unknown, rights = { admin: false, projects: ["default"] }): ExplainFacts {
  return {
    credential: {
      kind: "accessKey",
      name: "ci",
      known: true,
      disabled: false,
      expires: null,
      scope,
    },
    now: 0,
    owner: { kind: "User", name: "alice", exists: true, rights },
    target: { directEndpoint: true },
    enforcer: "local",
  };
}

const SELF = [
  { verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"] },
  {
    verbs: ["create"],
    apiGroups: ["authorization.k8s.io"],
    resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
  },
];
const ALL = { verbs: ["*"], apiGroups: ["*"], resources: ["*"] };

describe("rulesReview (kubectl auth can-i --list)", () => {
  it("an unrestricted credential, or an entry naming the target, grants everything", () => {
    for (const scope of [
      undefined,
      { virtualClusters: [{ project: "default", virtualCluster: "*" }] },
    ]) {
      expect(rulesReview(facts(scope), VC, "default")).toEqual({
        resourceRules: [...SELF, ALL],
        nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
        incomplete: false,
      });
    }
  });

  it("translates rules that reach the target, in the namespace asked about", () => {
    const scope = {
      rules: [
        { verbs: ["get", "list"], resources: [{ resources: ["pods"] }], namespaces: ["default"] },
        { verbs: ["delete"], namespaces: ["kube-system"] },
        { nonResourceURLs: ["/version"] },
        { requestTargets: ["Cluster"], verbs: ["*"] },
        { resources: [{ group: "apps", resources: ["deployments"], resourceNames: ["web"] }] },
      ],
    };
    const review = rulesReview(facts(scope), VC, "default");
    expect(review.resourceRules).toEqual([
      ...SELF,
      { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] },
      { verbs: ["*"], apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web"] },
    ]);
    expect(review.nonResourceRules).toEqual([{ verbs: ["*"], nonResourceURLs: ["/version"] }]);
    expect(review.incomplete).toBe(false);
  });

  it("a role only the platform knows makes the answer incomplete", () => {
    const review = rulesReview(facts({ roles: [{ role: "vcluster" }] }), VC, "default");
    expect(review.incomplete).toBe(true);
    expect(review.evaluationError).toMatch(/role vcluster/);
    expect(review.resourceRules).toEqual(SELF);
  });

  it("the owner's rights bound it: a project the owner may not use grants nothing", () => {
    const review = rulesReview(facts(undefined, { admin: false, projects: [] }), VC, "default");
    expect(review.resourceRules).toEqual(SELF);
    expect(review.nonResourceRules).toEqual([]);
    expect(review.evaluationError).toMatch(/cannot use virtual cluster dev/);
  });

  it("a scope that cannot be read grants nothing, saying why", () => {
    const review = rulesReview(facts({ projects: [{ project: "*" }], later: 1 }), VC, "default");
    expect(review.resourceRules).toEqual(SELF);
    expect(review.evaluationError).toMatch(/does not understand \(later\)/);
  });
});
