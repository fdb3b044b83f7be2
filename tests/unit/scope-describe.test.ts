import { describe, expect, it } from "vitest";
import { describeRule, describeScope, scopeWarnings } from "@/lib/scope/describe";
import type { AccessKeyScope, AccessKeyScopeRule } from "@/lib/scope/schema";

describe("describeScope", () => {
  it("tells unrestricted (no scope) apart from a scope that reaches nothing", () => {
    const open = describeScope(undefined);
    expect(open.kind).toBe("unrestricted");
    expect(open.lines).toEqual([expect.stringMatching(/^Unrestricted: .*no scope/)]);
    const none = describeScope({ projects: [], rules: [] });
    expect(none.kind).toBe("nothing");
    expect(none.lines).toEqual([expect.stringMatching(/^Reaches nothing/)]);
  });

  it("groups entries by project", () => {
    const d = describeScope({
      virtualClusters: [{ project: "demo", virtualCluster: "*" }],
      spaces: [
        { project: "demo", space: "dev" },
        { project: "ops", space: "a" },
        { project: "ops", space: "b" },
      ],
      projects: [{ project: "team" }],
    });
    expect(d.kind).toBe("scoped");
    expect(d.projects.map((p) => p.text)).toEqual([
      "Project team: everything (all spaces and virtual clusters)",
      "Project demo: all virtual clusters (including virtual clusters created later); space dev",
      "Project ops: spaces a, b",
    ]);
    expect(d.headline).toBe("Scoped: 3 projects.");
  });

  it("counts what a wildcard matches today when names are known", () => {
    const d = describeScope(
      {
        projects: [{ project: "*" }],
        spaces: [{ project: "demo", space: "*" }],
      },
      { projects: ["a", "b", "demo"], spaces: { demo: ["dev", "prod"] } },
    );
    expect(d.allProjects).toBe(
      "All projects (*): every space and virtual cluster of every project; matches 3 projects today; future projects too",
    );
    expect(d.projects[0]?.text).toBe(
      "Project demo: all spaces (matches 2 spaces today; future spaces too)",
    );
    expect(d.headline).toBe("Scoped: all projects.");
  });

  it("lists Loft CLI and one line per rule", () => {
    const d = describeScope({
      allowLoftCli: true,
      rules: [{ verbs: ["get"], resources: [{ resources: ["pods"] }] }, {}],
    });
    expect(d.loftCli).toMatch(/^Loft CLI: read-only \(get, list, watch\)/);
    expect(d.rules).toEqual(["Rule 1: get pods", "Rule 2: any request (restricts nothing)"]);
    expect(d.lines).toEqual([d.loftCli, ...d.rules]);
    expect(d.headline).toBe("Scoped: read-only Loft CLI requests, 2 deprecated rules.");
  });
});

describe("describeRule", () => {
  it.each<[AccessKeyScopeRule, string]>([
    [
      {
        verbs: ["get", "list"],
        resources: [{ resources: ["pods"] }],
        namespaces: ["default"],
        cluster: "x",
      },
      "Rule 1: get, list pods in namespace default on cluster x",
    ],
    [{ verbs: ["*"] }, "Rule 1: any request (restricts nothing)"],
    [{ verbs: ["get"] }, "Rule 1: get requests"],
    [{ resources: [{ group: "apps" }] }, "Rule 1: any verb on all resources in API group apps"],
    [{ resources: [{}] }, "Rule 1: any verb on all resources in the core API group"],
    [
      {
        verbs: ["delete"],
        resources: [
          { group: "apps", resources: ["deployments", "*/scale"], resourceNames: ["web"] },
        ],
      },
      "Rule 1: delete deployments, */scale in API group apps named web",
    ],
    [
      { namespaces: ["", "kube-system"] },
      "Rule 1: any verb on any resource in namespace kube-system and non-namespaced (cluster-scoped)",
    ],
    [
      { verbs: ["get"], nonResourceURLs: ["/healthz*", "/version"] },
      "Rule 1: get non-resource URLs /healthz*, /version",
    ],
    [
      { requestTargets: ["Cluster", "ProjectSpace"] },
      "Rule 1: any request for Cluster, ProjectSpace requests",
    ],
    [
      {
        requestTargets: ["ProjectVirtualCluster"],
        virtualClusters: [{ name: "v", namespace: "p-demo" }, {}],
      },
      "Rule 1: any request for ProjectVirtualCluster requests (virtual cluster requests only to virtual cluster v in namespace p-demo or any virtual cluster)",
    ],
  ])("%j → %s", (rule, text) => {
    expect(describeRule(rule, 0)).toBe(text);
  });
});

describe("scopeWarnings", () => {
  const levels = (scope: AccessKeyScope | undefined, known?: Parameters<typeof scopeWarnings>[1]) =>
    scopeWarnings(scope, known).map((w) => [w.level, w.field ?? null]);

  it("flags an unrestricted token as danger and an empty scope as a warning", () => {
    expect(scopeWarnings(undefined)).toEqual([
      { level: "danger", message: expect.stringMatching(/^Unrestricted/) },
    ]);
    expect(scopeWarnings({})).toEqual([
      { level: "warning", message: expect.stringMatching(/allows nothing/) },
    ]);
  });

  it("has nothing to say about a narrow scope", () => {
    expect(scopeWarnings({ spaces: [{ project: "demo", space: "dev" }] })).toEqual([]);
  });

  it("warns about * projects, with today's count when known", () => {
    const [w] = scopeWarnings({ projects: [{ project: "*" }] }, { projects: ["a", "b", "c"] });
    expect(w).toEqual({
      level: "warning",
      field: "projects[0]",
      message: expect.stringContaining("matches 3 projects today; future projects too"),
    });
  });

  it("flags deprecated rules and rules that restrict nothing, most serious first", () => {
    expect(levels({ projects: [{ project: "*" }], rules: [{}] })).toEqual([
      ["danger", "rules[0]"],
      ["warning", "projects[0]"],
      ["warning", "rules"],
    ]);
    expect(scopeWarnings({ rules: [{ verbs: ["*"] }] })[0]?.message).toMatch(
      /Rule 1 restricts nothing/,
    );
  });

  it.each<[string, AccessKeyScopeRule, string, RegExp]>([
    ["only verbs", { verbs: ["get"] }, "danger", /restricts only verbs \(get\)/],
    [
      "virtualClusters without requestTargets",
      { virtualClusters: [{ name: "v" }] },
      "danger",
      /requestTargets: \[ProjectVirtualCluster\]/,
    ],
    [
      "resources but no target",
      { resources: [{ resources: ["pods"] }] },
      "info",
      /also applies to the management API/,
    ],
    ["a whole cluster", { cluster: "x" }, "info", /allows every request to cluster x/],
  ])("rule broader than it looks: %s", (_, rule, level, message) => {
    const w = scopeWarnings({ rules: [rule] }).find((x) => x.field === "rules[0]");
    expect(w?.level).toBe(level);
    expect(w?.message).toMatch(message);
  });

  it("a rule limited to a target and resources is not flagged", () => {
    const rule: AccessKeyScopeRule = {
      requestTargets: ["Cluster"],
      verbs: ["get"],
      resources: [{ resources: ["pods"] }],
    };
    expect(levels({ rules: [rule] })).toEqual([["warning", "rules"]]);
  });

  it("warns about names that do not exist (likely typos)", () => {
    const known = {
      projects: ["demo"],
      spaces: { demo: ["dev"] },
      virtualClusters: { demo: ["vc-1"] },
    };
    const ws = scopeWarnings(
      {
        projects: [{ project: "dmeo" }],
        spaces: [
          { project: "demo", space: "dve" },
          { project: "demo", space: "dev" },
        ],
        virtualClusters: [
          { project: "nope", virtualCluster: "x" },
          { project: "demo", virtualCluster: "vc-2" },
        ],
      },
      known,
    );
    expect(ws).toEqual([
      {
        level: "warning",
        field: "projects[0]",
        message: "Project dmeo does not exist on the platform (a typo?).",
      },
      {
        level: "warning",
        field: "spaces[0]",
        message: "Space dve does not exist in project demo (a typo?).",
      },
      {
        level: "warning",
        field: "virtualClusters[0]",
        message: "Project nope does not exist on the platform (a typo?).",
      },
      {
        level: "warning",
        field: "virtualClusters[1]",
        message: "Virtual cluster vc-2 does not exist in project demo (a typo?).",
      },
    ]);
  });

  it("notes entries already covered by a project entry, and * spaces / virtual clusters", () => {
    expect(
      levels({
        projects: [{ project: "demo" }],
        spaces: [{ project: "demo", space: "dev" }],
        virtualClusters: [{ project: "ops", virtualCluster: "*" }],
        allowLoftCli: true,
      }),
    ).toEqual([
      ["warning", "allowLoftCli"],
      ["info", "spaces[0]"],
      ["info", "virtualClusters[0]"],
    ]);
    const [covered] = scopeWarnings({
      projects: [{ project: "*" }],
      spaces: [{ project: "a", space: "b" }],
    }).filter((w) => w.level === "info");
    expect(covered?.message).toBe(
      "spaces[0] (project a, space b) is already covered by projects[0].",
    );
  });
});

describe("roles and clusters", () => {
  it("describes clusters with today's count for *, and named clusters", () => {
    const d = describeScope(
      { clusters: [{ cluster: "*" }, { cluster: "eu-west-1" }] },
      { clusters: ["eu-west-1", "us-east-1"] },
    );
    expect(d.headline).toBe("Scoped: all clusters.");
    expect(d.allClusters).toBe(
      "All clusters (*): every cluster; matches 2 clusters today; future clusters too",
    );
    expect(d.clusters).toBe("Cluster eu-west-1");
    expect(describeScope({ clusters: [{ cluster: "*" }] }).allClusters).toMatch(
      /including clusters created later/,
    );
    expect(describeScope({ clusters: [{ cluster: "a" }, { cluster: "b" }] }).headline).toBe(
      "Scoped: 2 clusters.",
    );
  });

  it("describes roles with their text and their own limits", () => {
    const d = describeScope({
      roles: [
        { role: "loft-cli" },
        { role: "vcluster", projects: ["demo"], virtualClusters: ["dev", "qa"] },
        { role: "custom-thing" },
      ],
    });
    expect(d.headline).toBe("Scoped: 3 roles.");
    expect(d.roles).toEqual([
      "Role loft-cli: read-only (get, list, watch) requests to the management API",
      "Role vcluster: connect virtual clusters to the platform; what it lets through is decided by the platform; only for project demo and virtual clusters dev, qa",
      "Role custom-thing: a role this console does not know; what it lets through is decided by the platform",
    ]);
    expect(d.lines).toEqual(d.roles);
  });

  it("warns about * clusters, unknown clusters, roles whose behaviour is not public, deprecated allowLoftCli", () => {
    const ws = scopeWarnings(
      {
        clusters: [{ cluster: "*" }, { cluster: "nope" }],
        roles: [{ role: "loft-cli" }, { role: "vcluster" }, { role: "mystery" }],
        allowLoftCli: true,
      },
      { clusters: ["a", "b", "c"] },
    );
    expect(ws.map((w) => [w.level, w.field])).toEqual([
      ["warning", "clusters[0]"],
      ["warning", "clusters[1]"],
      ["warning", "roles[1]"],
      ["warning", "roles[2]"],
      ["warning", "allowLoftCli"],
    ]);
    expect(ws[0]?.message).toBe(
      "All clusters (*): the token reaches every cluster; matches 3 clusters today; future clusters too.",
    );
    expect(ws[1]?.message).toBe("Cluster nope does not exist on the platform (a typo?).");
    expect(ws[2]?.message).toMatch(
      /^Role vcluster: what it lets through is decided by platform code that is not public/,
    );
    expect(ws[3]?.message).toMatch(/^Role mystery is not a role this console knows/);
    expect(ws[4]?.message).toMatch(/^allowLoftCli is deprecated: use the loft-cli role instead/);
  });
});
