import { describe, expect, it } from "vitest";
import { type AccessRequest, evaluateAccess, pathMatches } from "@/lib/scope/evaluate";
import type { AccessKeyScope, AccessKeyScopeRule } from "@/lib/scope/schema";

const mgmt = { kind: "Management" } as const;
const cluster = (name: string) => ({ kind: "Cluster", cluster: name }) as const;
const space = (project: string, name: string) =>
  ({ kind: "ProjectSpace", project, space: name }) as const;
const vcluster = (project: string, name: string) =>
  ({ kind: "ProjectVirtualCluster", project, virtualCluster: name }) as const;

describe("evaluateAccess: scope presence", () => {
  it("no scope is unrestricted", () => {
    const d = evaluateAccess(undefined, { target: mgmt, verb: "delete" });
    expect(d.allowed).toBe(true);
    expect(d.reasons[0]).toMatch(/unrestricted/);
  });

  it.each<[string, AccessKeyScope]>([
    ["{}", {}],
    ["empty lists", { projects: [], spaces: [], virtualClusters: [], rules: [] }],
    ["allowLoftCli false", { allowLoftCli: false }],
  ])("a scope with no entries (%s) allows nothing", (_, scope) => {
    for (const target of [mgmt, cluster("c"), space("demo", "dev"), vcluster("demo", "v")]) {
      const d = evaluateAccess(scope, { target, verb: "get" });
      expect(d.allowed).toBe(false);
      expect(d.reasons).toEqual([expect.stringMatching(/allows nothing/)]);
    }
  });
});

describe("evaluateAccess: projects, spaces, virtual clusters, Loft CLI", () => {
  const scope: AccessKeyScope = {
    projects: [{ project: "team-a" }],
    spaces: [
      { project: "demo", space: "dev" },
      { project: "ops", space: "*" },
    ],
    virtualClusters: [
      { project: "demo", virtualCluster: "vc-1" },
      { project: "ops", virtualCluster: "*" },
    ],
  };

  it.each<[string, AccessKeyScope, AccessRequest, boolean, string | RegExp]>([
    [
      "project entry → its space",
      scope,
      { target: space("team-a", "x") },
      true,
      "allowed by projects[0] (project team-a)",
    ],
    [
      "project entry → its vcluster",
      scope,
      { target: vcluster("team-a", "y"), verb: "delete" },
      true,
      "allowed by projects[0] (project team-a)",
    ],
    [
      "* project → any project",
      { projects: [{ project: "*" }] },
      { target: vcluster("zzz", "y") },
      true,
      "allowed by projects[0] (all projects)",
    ],
    [
      "project entry does not reach a cluster",
      { projects: [{ project: "*" }] },
      { target: cluster("c") },
      false,
      /projects\[0\] \(all projects\): covers only .* not requests to cluster c/,
    ],
    [
      "project entry does not reach Management",
      { projects: [{ project: "*" }] },
      { target: mgmt, verb: "get" },
      false,
      /not Management requests/,
    ],
    [
      "space exact",
      scope,
      { target: space("demo", "dev") },
      true,
      "allowed by spaces[0] (project demo, space dev)",
    ],
    [
      "space * of project",
      scope,
      { target: space("ops", "anything") },
      true,
      "allowed by spaces[1] (project ops, all spaces)",
    ],
    [
      "other space of project",
      scope,
      { target: space("demo", "prod") },
      false,
      "spaces[0] (project demo, space dev): the request is for space prod.",
    ],
    [
      "space entry is not a vcluster entry",
      { spaces: [{ project: "demo", space: "*" }] },
      { target: vcluster("demo", "dev") },
      false,
      /covers only requests to spaces/,
    ],
    [
      "vcluster exact",
      scope,
      { target: vcluster("demo", "vc-1") },
      true,
      "allowed by virtualClusters[0] (project demo, virtual cluster vc-1)",
    ],
    [
      "vcluster * of project",
      scope,
      { target: vcluster("ops", "x") },
      true,
      "allowed by virtualClusters[1] (project ops, all virtual clusters)",
    ],
    [
      "vcluster of other project",
      scope,
      { target: vcluster("prod", "vc-1") },
      false,
      "virtualClusters[0] (project demo, virtual cluster vc-1): the request is for project prod.",
    ],
    [
      "other vcluster",
      scope,
      { target: vcluster("demo", "vc-2") },
      false,
      "virtualClusters[0] (project demo, virtual cluster vc-1): the request is for virtual cluster vc-2.",
    ],
    [
      "Loft CLI get",
      { allowLoftCli: true },
      { target: mgmt, verb: "get" },
      true,
      "allowed by allowLoftCli",
    ],
    [
      "Loft CLI list",
      { allowLoftCli: true },
      { target: mgmt, verb: "list" },
      true,
      "allowed by allowLoftCli",
    ],
    [
      "Loft CLI watch",
      { allowLoftCli: true },
      { target: mgmt, verb: "watch" },
      true,
      "allowed by allowLoftCli",
    ],
    [
      "Loft CLI create",
      { allowLoftCli: true },
      { target: mgmt, verb: "create" },
      false,
      "allowLoftCli: allows only read-only verbs (get, list, watch), not create.",
    ],
    ["Loft CLI without a verb", { allowLoftCli: true }, { target: mgmt }, false, /names no verb/],
    [
      "Loft CLI is Management only",
      { allowLoftCli: true },
      { target: cluster("c"), verb: "get" },
      false,
      /allowLoftCli: allows only read-only Management requests/,
    ],
  ])("%s", (_, s, request, allowed, reason) => {
    const d = evaluateAccess(s, request);
    expect(d.allowed).toBe(allowed);
    expect(d.reasons).toContainEqual(
      typeof reason === "string" ? reason : expect.stringMatching(reason),
    );
  });

  it("names every entry that allows, and every entry that does not when denied", () => {
    const both: AccessKeyScope = {
      projects: [{ project: "demo" }],
      spaces: [{ project: "demo", space: "dev" }],
    };
    expect(evaluateAccess(both, { target: space("demo", "dev") }).reasons).toEqual([
      "allowed by projects[0] (project demo)",
      "allowed by spaces[0] (project demo, space dev)",
    ]);
    const d = evaluateAccess(scope, { target: space("x", "y") });
    expect(d.allowed).toBe(false);
    expect(d.reasons).toHaveLength(5); // one per entry
    expect(d.reasons[0]).toBe("projects[0] (project team-a): the request is for project x.");
  });
});

/*
 * The matching cases of kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/audit/policy/
 * checker_test.go (testAuditLevel). A case's audit level is not None exactly when some rule
 * matches; the rule the checker picks is the first match, which must be the first reason here.
 * Rules on users/userGroups (tims, humans, serviceAccounts) have no scope equivalent: cases that
 * only use them are left out, and they are dropped from mixed cases (they never matched there).
 */
const auditRules: Record<string, AccessKeyScopeRule> = {
  default: {},
  create: { verbs: ["create"] },
  getPods: { verbs: ["get"], resources: [{ resources: ["pods"] }] },
  getPodLogs: { verbs: ["get"], resources: [{ resources: ["pods/log"] }] },
  getPodWildcardMatching: { verbs: ["get"], resources: [{ resources: ["*"] }] },
  getPodResourceWildcardMatching: { verbs: ["get"], resources: [{ resources: ["*/log"] }] },
  getPodSubResourceWildcardMatching: { verbs: ["get"], resources: [{ resources: ["pods/*"] }] },
  getClusterRoles: {
    verbs: ["get"],
    resources: [{ group: "rbac.authorization.k8s.io", resources: ["clusterroles"] }],
    namespaces: [""],
  },
  getLogs: { verbs: ["get"], nonResourceURLs: ["/logs*"] },
  getMetrics: { verbs: ["get"], nonResourceURLs: ["/metrics"] },
  clusterRoleEdit: {
    resources: [
      { group: "rbac.authorization.k8s.io", resources: ["clusterroles"], resourceNames: ["edit"] },
    ],
  },
};
const target = cluster("loft-cluster");
const auditRequests: Record<string, AccessRequest> = {
  namespaced: {
    target,
    verb: "get",
    namespace: "default",
    apiGroup: "",
    resource: "pods",
    name: "busybox",
  },
  cluster: {
    target,
    verb: "get",
    apiGroup: "rbac.authorization.k8s.io",
    resource: "clusterroles",
    name: "edit",
  },
  nonResource: { target, verb: "get", nonResourceURL: "/logs/kubelet.log" },
  subresource: {
    target,
    verb: "get",
    namespace: "default",
    resource: "pods",
    subresource: "log",
    name: "busybox",
  },
};

describe("evaluateAccess: rules match like Kubernetes audit-policy rules (checker_test.go)", () => {
  // [request, rules in order, index of the first matching rule or null for LevelNone]
  it.each<[string, string[], number | null]>([
    ["namespaced", ["default"], 0],
    ["namespaced", ["create"], null],
    ["namespaced", ["getPods"], 0],
    ["namespaced", ["getClusterRoles"], null],
    ["namespaced", ["getLogs"], null],
    ["namespaced", ["getMetrics"], null],
    ["namespaced", ["getMetrics", "default"], 1],
    ["namespaced", ["getMetrics", "getPods", "default"], 1],
    ["namespaced", ["getPodLogs", "getPods"], 1],
    ["cluster", ["default"], 0],
    ["cluster", ["create"], null],
    ["cluster", ["getPods"], null],
    ["cluster", ["getClusterRoles"], 0],
    ["cluster", ["clusterRoleEdit", "getClusterRoles"], 0],
    ["cluster", ["getLogs"], null],
    ["cluster", ["getMetrics"], null],
    ["cluster", ["getMetrics", "default"], 1],
    ["cluster", ["getMetrics", "getClusterRoles", "default"], 1],
    ["cluster", ["getPodLogs", "getPods"], null],
    ["nonResource", ["default"], 0],
    ["nonResource", ["create"], null],
    ["nonResource", ["getPods"], null],
    ["nonResource", ["getClusterRoles"], null],
    ["nonResource", ["getLogs"], 0],
    ["nonResource", ["getMetrics"], null],
    ["nonResource", ["getMetrics", "default"], 1],
    ["nonResource", ["getLogs", "getClusterRoles", "default"], 0],
    ["nonResource", ["getPodLogs", "getPods"], null],
    ["subresource", ["getPodLogs", "getPods"], 0],
    ["subresource", ["getPodWildcardMatching"], 0],
    ["subresource", ["getPodResourceWildcardMatching"], 0],
    ["subresource", ["getPodSubResourceWildcardMatching"], 0],
  ])("%s request, rules %j → %s", (req, names, first) => {
    const rules = names.map((n) => auditRules[n]!);
    const d = evaluateAccess({ rules }, auditRequests[req]!);
    expect(d.allowed).toBe(first !== null);
    if (first === null) expect(d.reasons).toHaveLength(rules.length);
    else expect(d.reasons[0]).toBe(`allowed by rules[${first}]`);
  });
});

describe("evaluateAccess: rule axes", () => {
  const pod = (extra: Partial<AccessRequest> = {}): AccessRequest => ({
    target: cluster("c1"),
    verb: "get",
    resource: "pods",
    namespace: "default",
    name: "web",
    ...extra,
  });

  it.each<[string, AccessKeyScopeRule, AccessRequest, boolean, RegExp?]>([
    // verbs
    [
      "empty verbs = every verb",
      { resources: [{ resources: ["pods"] }] },
      pod({ verb: "delete" }),
      true,
    ],
    ["* verb = every verb", { verbs: ["*"] }, pod({ verb: "deletecollection" }), true],
    [
      "verb not listed",
      { verbs: ["get", "list"] },
      pod({ verb: "delete" }),
      false,
      /verb delete is not in its verbs \(get, list\)/,
    ],
    [
      "verbs set but request names none",
      { verbs: ["get"] },
      pod({ verb: undefined }),
      false,
      /names no verb/,
    ],
    // namespaces
    ["namespace listed", { namespaces: ["default"] }, pod(), true],
    [
      "namespace not listed",
      { namespaces: ["kube-system"] },
      pod(),
      false,
      /namespace default is not in its namespaces \(kube-system\)/,
    ],
    [
      '"" = non-namespaced, matches a cluster-scoped request',
      { namespaces: [""] },
      pod({ resource: "nodes", namespace: undefined }),
      true,
    ],
    [
      '"" does not match a namespaced request',
      { namespaces: [""] },
      pod(),
      false,
      /not in its namespaces \("" \(non-namespaced\)\)/,
    ],
    [
      "namespaces alone rejects non-resource requests",
      { namespaces: ["default"] },
      { target: cluster("c1"), verb: "get", nonResourceURL: "/healthz" },
      false,
      /only resource requests/,
    ],
    // resources and groups
    [
      'group must equal, "" = core',
      { resources: [{ group: "apps", resources: ["pods"] }] },
      pod(),
      false,
      /pods named web in the core API group is not in its resources \(group apps: pods\)/,
    ],
    [
      "group equal",
      { resources: [{ group: "apps", resources: ["deployments"] }] },
      pod({ apiGroup: "apps", resource: "deployments" }),
      true,
    ],
    [
      "empty resources in a group = all in that group",
      { resources: [{ group: "apps" }] },
      pod({ apiGroup: "apps", resource: "statefulsets", subresource: "scale" }),
      true,
    ],
    [
      "pods does not match pods/log",
      { resources: [{ resources: ["pods"] }] },
      pod({ subresource: "log" }),
      false,
      /pods\/log named web/,
    ],
    [
      "pods/log matches only log",
      { resources: [{ resources: ["pods/log"] }] },
      pod({ subresource: "exec" }),
      false,
    ],
    [
      "* matches subresources",
      { resources: [{ resources: ["*"] }] },
      pod({ subresource: "exec" }),
      true,
    ],
    [
      "*/scale matches any scale",
      { resources: [{ group: "apps", resources: ["*/scale"] }] },
      pod({ apiGroup: "apps", resource: "deployments", subresource: "scale" }),
      true,
    ],
    [
      "*/scale does not match the resource itself",
      { resources: [{ group: "apps", resources: ["*/scale"] }] },
      pod({ apiGroup: "apps", resource: "deployments" }),
      false,
    ],
    ["pods/* matches pods itself", { resources: [{ resources: ["pods/*"] }] }, pod(), true],
    [
      "pods/* matches pods subresources",
      { resources: [{ resources: ["pods/*"] }] },
      pod({ subresource: "portforward" }),
      true,
    ],
    [
      "pods/* does not match services",
      { resources: [{ resources: ["pods/*"] }] },
      pod({ resource: "services" }),
      false,
    ],
    [
      "resourceNames narrow",
      { resources: [{ resources: ["pods"], resourceNames: ["db"] }] },
      pod(),
      false,
      /pods named web/,
    ],
    [
      "resourceNames match",
      { resources: [{ resources: ["pods"], resourceNames: ["db", "web"] }] },
      pod(),
      true,
    ],
    [
      "resourceNames: a list request has no name",
      { resources: [{ resources: ["pods"], resourceNames: ["web"] }] },
      pod({ verb: "list", name: undefined }),
      false,
    ],
    [
      "some entry of several matches",
      { resources: [{ group: "apps" }, { resources: ["pods"] }] },
      pod(),
      true,
    ],
    [
      "resources reject a non-resource URL",
      { resources: [{ resources: ["*"] }] },
      { target: cluster("c1"), verb: "get", nonResourceURL: "/api" },
      false,
      /not a non-resource URL/,
    ],
    [
      "resources reject a request without a resource",
      { resources: [{ resources: ["*"] }] },
      { target: cluster("c1"), verb: "get" },
      false,
      /names no resource/,
    ],
    // non-resource URLs
    [
      "nonResourceURLs exact",
      { nonResourceURLs: ["/metrics"] },
      { target: cluster("c1"), verb: "get", nonResourceURL: "/metrics" },
      true,
    ],
    [
      "nonResourceURLs exact, not a prefix",
      { nonResourceURLs: ["/metrics"] },
      { target: cluster("c1"), verb: "get", nonResourceURL: "/metrics/x" },
      false,
      /URL \/metrics\/x is not in its nonResourceURLs \(\/metrics\)/,
    ],
    [
      "/healthz* is a string prefix",
      { nonResourceURLs: ["/healthz*"] },
      { target: cluster("c1"), verb: "get", nonResourceURL: "/healthzz" },
      true,
    ],
    [
      "/healthz* matches /healthz/etcd",
      { nonResourceURLs: ["/healthz*"] },
      { target: cluster("c1"), verb: "get", nonResourceURL: "/healthz/etcd" },
      true,
    ],
    [
      "* matches every URL",
      { nonResourceURLs: ["*"] },
      { target: cluster("c1"), verb: "get", nonResourceURL: "/version" },
      true,
    ],
    [
      "only nonResourceURLs rejects resource requests",
      { nonResourceURLs: ["*"] },
      pod(),
      false,
      /only non-resource URLs/,
    ],
    [
      "resources win over nonResourceURLs when both are set",
      { resources: [{ resources: ["pods"] }], nonResourceURLs: ["*"] },
      { target: cluster("c1"), verb: "get", nonResourceURL: "/version" },
      false,
    ],
    [
      "a rule with neither matches every request",
      { verbs: ["get"] },
      { target: mgmt, verb: "get" },
      true,
    ],
    // requestTargets
    ["requestTargets include the target", { requestTargets: ["Cluster"] }, pod(), true],
    [
      "requestTargets exclude the target",
      { requestTargets: ["Management", "ProjectSpace"] },
      pod(),
      false,
      /requestTargets \(Management, ProjectSpace\) do not include Cluster/,
    ],
    // cluster
    ["cluster matches", { cluster: "c1" }, pod(), true],
    [
      "cluster differs",
      { cluster: "c2" },
      pod(),
      false,
      /limited to cluster c2; the request is for cluster c1/,
    ],
    [
      "cluster set excludes non-cluster requests",
      { cluster: "c1" },
      { target: vcluster("demo", "v") },
      false,
      /matches only Cluster requests/,
    ],
    [
      "cluster set excludes Management",
      { cluster: "c1" },
      { target: mgmt, verb: "get" },
      false,
      /matches only Cluster requests/,
    ],
    // virtualClusters (ProjectVirtualCluster → name, namespace p-<project>)
    [
      "virtualClusters by name",
      { virtualClusters: [{ name: "v" }] },
      { target: vcluster("demo", "v") },
      true,
    ],
    [
      "virtualClusters by project namespace",
      { virtualClusters: [{ namespace: "p-demo" }] },
      { target: vcluster("demo", "any") },
      true,
    ],
    [
      "virtualClusters name and namespace",
      { virtualClusters: [{ name: "v", namespace: "p-other" }] },
      { target: vcluster("demo", "v") },
      false,
      /do not include virtual cluster v in namespace p-demo/,
    ],
    [
      "virtualClusters empty entry = any",
      { virtualClusters: [{}] },
      { target: vcluster("demo", "v") },
      true,
    ],
    [
      "virtualClusters does not restrict other targets",
      { virtualClusters: [{ name: "v" }] },
      { target: space("demo", "dev") },
      true,
    ],
  ])("%s", (_, rule, request, allowed, reason) => {
    const d = evaluateAccess({ rules: [rule] }, request);
    expect(d.allowed).toBe(allowed);
    expect(d.reasons).toEqual([
      allowed ? "allowed by rules[0]" : expect.stringMatching(/^rules\[0\]: /),
    ]);
    if (reason) expect(d.reasons[0]).toMatch(reason);
  });

  it("uses the configured project namespace prefix", () => {
    const scope: AccessKeyScope = { rules: [{ virtualClusters: [{ namespace: "loft-p-demo" }] }] };
    const request: AccessRequest = { target: vcluster("demo", "v") };
    expect(evaluateAccess(scope, request).allowed).toBe(false);
    expect(evaluateAccess(scope, request, { projectNamespacePrefix: "loft-p-" }).allowed).toBe(
      true,
    );
  });

  it("refuses a request that is both a resource and a non-resource URL", () => {
    const d = evaluateAccess(
      { rules: [{}] },
      { target: mgmt, resource: "pods", nonResourceURL: "/x" },
    );
    expect(d).toEqual({
      answer: "denied",
      allowed: false,
      reasons: [expect.stringMatching(/not both/)],
    });
  });

  it("every axis a rule sets must match", () => {
    const rule: AccessKeyScopeRule = {
      verbs: ["get"],
      resources: [{ resources: ["pods"] }],
      namespaces: ["default"],
      requestTargets: ["Cluster"],
      cluster: "c1",
    };
    expect(evaluateAccess({ rules: [rule] }, pod()).allowed).toBe(true);
    expect(evaluateAccess({ rules: [rule] }, pod({ target: cluster("c2") })).allowed).toBe(false);
    expect(evaluateAccess({ rules: [rule] }, pod({ namespace: "x" })).allowed).toBe(false);
    expect(evaluateAccess({ rules: [rule] }, pod({ verb: "watch" })).allowed).toBe(false);
    expect(evaluateAccess({ rules: [rule] }, pod({ resource: "secrets" })).allowed).toBe(false);
  });
});

describe("pathMatches (checker.go)", () => {
  it.each([
    ["/metrics", "*", true],
    ["/metrics", "/metrics", true],
    ["/metricsx", "/metrics", false],
    ["/logs/kubelet.log", "/logs*", true],
    ["/logs", "/logs*", true],
    ["/log", "/logs*", false],
    ["/apis/apps", "/apis/*", true],
    ["/apis", "/apis/*", false],
  ])("%s against %s → %s", (path, spec, expected) => {
    expect(pathMatches(path, spec)).toBe(expected);
  });
});
