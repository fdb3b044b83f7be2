import { assert, describe, expect, it } from "vitest";
import { validate } from "@/lib/scope/causes";
import { evaluateAccess } from "@/lib/scope/evaluate";
import { normalizeScope } from "@/lib/scope/manifest";
import { readScope } from "@/lib/scope/read";
import { AccessKeyScope, isEmptyScope } from "@/lib/scope/schema";
import { scopeExcess } from "@/lib/scope/subset";
import { encodeScopeState } from "@/lib/scope/url-state";
import { decodeScopeState } from "@/lib/scope/url-state-decode";

/** The reference's composed example using every current field (vcluster-platform-api-current.md §2). */
const EVERY_FIELD: AccessKeyScope = {
  roles: [
    { role: "loft-cli" },
    { role: "vcluster", projects: ["team-a"], virtualClusters: ["dev-1"] },
  ],
  projects: [{ project: "team-a" }],
  spaces: [{ project: "team-a", space: "*" }],
  virtualClusters: [{ project: "team-b", virtualCluster: "staging" }],
  clusters: [{ cluster: "eu-west-1" }],
  rules: [
    {
      verbs: ["get", "list", "watch"],
      resources: [{ group: "", resources: ["pods", "pods/log"], resourceNames: ["web-0"] }],
      namespaces: ["default"],
      requestTargets: ["Cluster", "ProjectVirtualCluster"],
      cluster: "eu-west-1",
      virtualClusters: [{ name: "dev-1", namespace: "vcluster-dev-1" }],
    },
    { verbs: ["get"], nonResourceURLs: ["/version", "/healthz*"], requestTargets: ["Management"] },
  ],
  allowLoftCli: true,
};

const mgmt = { kind: "Management" } as const;
const vc = (project: string, virtualCluster: string) =>
  ({ kind: "ProjectVirtualCluster", project, virtualCluster }) as const;

describe("AccessKeyScope (writing: strict)", () => {
  it("accepts every field of the current API", () => {
    expect(validate(AccessKeyScope, EVERY_FIELD)).toEqual({ ok: true, data: EVERY_FIELD });
  });

  it("accepts role names it does not know (the platform adds roles between versions)", () => {
    expect(validate(AccessKeyScope, { roles: [{ role: "future-role" }] }).ok).toBe(true);
  });

  it("refuses unknown fields, a role without a name and bad cluster names, naming the field", () => {
    const result = validate(AccessKeyScope, {
      roles: [{ projects: ["a"] }],
      clusters: [{ cluster: "Bad Name" }],
      futureField: true,
    });
    expect(result.ok).toBe(false);
    assert(!result.ok);
    expect(result.causes.map((c) => c.field).sort()).toEqual([
      "clusters[0].cluster",
      "futureField",
      "roles[0].role",
    ]);
  });

  it("a scope with only roles or only clusters is not empty", () => {
    expect(isEmptyScope({ roles: [{ role: "loft-cli" }] })).toBe(false);
    expect(isEmptyScope({ clusters: [{ cluster: "*" }] })).toBe(false);
    expect(isEmptyScope({ roles: [], clusters: [] })).toBe(true);
  });

  it("normalizes into the reference's key order and keeps roles' and clusters' entries", () => {
    const normalized = normalizeScope({ ...EVERY_FIELD, roles: [{ role: "x", projects: [] }] });
    expect(Object.keys(normalized)).toEqual(Object.keys(EVERY_FIELD));
    expect(normalized.roles).toEqual([{ role: "x" }]);
    expect(normalized.clusters).toEqual([{ cluster: "eu-west-1" }]);
  });

  it("round-trips roles and clusters through the builder's URL", () => {
    const scope = { roles: EVERY_FIELD.roles, clusters: [{ cluster: "*" }, { cluster: "eu-1" }] };
    const query = encodeScopeState({ scope, ttl: 3600 });
    expect(query).toContain("c=*");
    expect(decodeScopeState(query)).toEqual({ scope, ttl: 3600, dropped: [] });
  });
});

describe("readScope (reading: tolerant)", () => {
  it("sets unknown fields aside at every level instead of calling the scope invalid", () => {
    const read = readScope({
      ...EVERY_FIELD,
      newTopLevel: { a: 1 },
      roles: [{ role: "vcluster", weight: 3 }],
      rules: [{ verbs: ["get"], resources: [{ group: "", resources: ["pods"], future: 1 }] }],
    });
    expect(read.state).toBe("valid");
    assert(read.state === "valid");
    expect([...read.notUnderstood].sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: "newTopLevel", value: { a: 1 } },
      { field: "roles[0].weight", value: 3 },
      { field: "rules[0].resources[0].future", value: 1 },
    ]);
    expect(read.scope.roles).toEqual([{ role: "vcluster" }]);
  });

  it("still reports a known field with a bad value, with the field path", () => {
    const read = readScope({ projects: [{ project: 7 }], extra: true });
    expect(read.state).toBe("invalid");
    assert(read.state === "invalid");
    expect(read.issues[0]).toMatch(/^projects\[0\]\.project: /);
    expect(read.notUnderstood.map((n) => n.field)).toEqual(["extra"]);
  });

  it("null and undefined are an absent scope", () => {
    expect(readScope(null)).toEqual({ state: "absent" });
    expect(readScope(undefined)).toEqual({ state: "absent" });
  });
});

describe("evaluateAccess: roles and clusters", () => {
  it("clusters entries allow requests to that cluster; * to every cluster", () => {
    const scope = { clusters: [{ cluster: "eu-1" }] };
    expect(evaluateAccess(scope, { target: { kind: "Cluster", cluster: "eu-1" } }).answer).toBe(
      "allowed",
    );
    const other = evaluateAccess(scope, { target: { kind: "Cluster", cluster: "us-1" } });
    expect(other.answer).toBe("denied");
    expect(other.reasons[0]).toMatch(
      /clusters\[0\] \(cluster eu-1\): the request is for cluster us-1/,
    );
    expect(
      evaluateAccess(
        { clusters: [{ cluster: "*" }] },
        { target: { kind: "Cluster", cluster: "x" } },
      ).allowed,
    ).toBe(true);
    expect(evaluateAccess(scope, { target: vc("demo", "dev") }).answer).toBe("denied");
  });

  it("the loft-cli role is allowLoftCli: read-only management requests", () => {
    const scope = { roles: [{ role: "loft-cli" }] };
    expect(evaluateAccess(scope, { target: mgmt, verb: "list" })).toMatchObject({
      answer: "allowed",
      reasons: ["allowed by roles[0] (loft-cli)"],
    });
    expect(evaluateAccess(scope, { target: mgmt, verb: "delete" }).answer).toBe("denied");
    expect(evaluateAccess(scope, { target: vc("demo", "dev"), verb: "get" }).answer).toBe("denied");
  });

  it("another role's answer depends on the platform, naming the entry it hinges on", () => {
    const d = evaluateAccess({ roles: [{ role: "vcluster" }] }, { target: vc("demo", "dev") });
    expect(d.answer).toBe("depends");
    expect(d.allowed).toBe(false);
    expect(d.dependsOn).toEqual(["roles[0] (vcluster)"]);
    expect(d.reasons[0]).toMatch(/depends on the platform: role vcluster/);
  });

  it("a role's own projects and virtualClusters exclude other requests outright", () => {
    const scope = {
      roles: [{ role: "vcluster", projects: ["team-a"], virtualClusters: ["dev-1"] }],
    };
    expect(evaluateAccess(scope, { target: vc("team-a", "dev-1") }).answer).toBe("depends");
    const qualified = { roles: [{ role: "vcluster", virtualClusters: ["team-a/dev-1"] }] };
    expect(evaluateAccess(qualified, { target: vc("team-a", "dev-1") }).answer).toBe("depends");
    expect(evaluateAccess(qualified, { target: vc("team-b", "dev-1") }).answer).toBe("denied");
    const otherProject = evaluateAccess(scope, { target: vc("team-b", "dev-1") });
    expect(otherProject.answer).toBe("denied");
    expect(otherProject.reasons[0]).toMatch(/limited to projects team-a/);
    expect(evaluateAccess(scope, { target: vc("team-a", "dev-2") }).answer).toBe("denied");
  });

  it("an entry that allows wins over a role that depends", () => {
    const d = evaluateAccess(
      { roles: [{ role: "vcluster" }], projects: [{ project: "demo" }] },
      { target: vc("demo", "dev") },
    );
    expect(d.answer).toBe("allowed");
  });

  it("projects cover management requests about the project's own resources", () => {
    const scope = { projects: [{ project: "demo" }] };
    expect(
      evaluateAccess(scope, { target: { kind: "Management", project: "demo" }, verb: "list" })
        .allowed,
    ).toBe(true);
    expect(
      evaluateAccess(scope, { target: { kind: "Management", project: "ops" }, verb: "list" })
        .allowed,
    ).toBe(false);
    expect(evaluateAccess(scope, { target: mgmt, verb: "list" }).allowed).toBe(false);
  });
});

describe("scopeExcess: a scoped key's own limits", () => {
  const key = {
    roles: [{ role: "loft-cli" }, { role: "vcluster", projects: ["team-a"] }],
    projects: [{ project: "team-a" }],
    virtualClusters: [{ project: "team-b", virtualCluster: "*" }],
    clusters: [{ cluster: "eu-1" }],
  };

  it("an unrestricted key allows anything; a scoped key never an unrestricted request", () => {
    expect(scopeExcess(undefined, undefined)).toEqual([]);
    expect(scopeExcess({ projects: [{ project: "*" }] }, undefined)).toEqual([]);
    expect(scopeExcess(undefined, key)).toEqual([
      { field: "spec.scope", message: expect.stringMatching(/unrestricted/) },
    ]);
  });

  it("narrower requests stay within", () => {
    expect(
      scopeExcess(
        {
          roles: [{ role: "loft-cli" }, { role: "vcluster", projects: ["team-a"] }],
          spaces: [{ project: "team-a", space: "*" }],
          virtualClusters: [
            { project: "team-a", virtualCluster: "x" },
            { project: "team-b", virtualCluster: "y" },
          ],
          clusters: [{ cluster: "eu-1" }],
          allowLoftCli: true,
        },
        key,
      ),
    ).toEqual([]);
  });

  it("names every entry beyond the key", () => {
    const excess = scopeExcess(
      {
        roles: [{ role: "vcluster" }, { role: "agent" }],
        projects: [{ project: "*" }],
        spaces: [{ project: "team-b", space: "s" }],
        clusters: [{ cluster: "*" }],
        rules: [{ verbs: ["get"] }],
      },
      key,
    );
    expect(excess.map((e) => e.field)).toEqual([
      "spec.scope.roles[0]",
      "spec.scope.roles[1]",
      "spec.scope.projects[0]",
      "spec.scope.spaces[0]",
      "spec.scope.clusters[0]",
      "spec.scope.rules[0]",
    ]);
  });

  it("allowLoftCli and the loft-cli role cover each other", () => {
    expect(scopeExcess({ allowLoftCli: true }, { roles: [{ role: "loft-cli" }] })).toEqual([]);
    expect(scopeExcess({ roles: [{ role: "loft-cli" }] }, { allowLoftCli: true })).toEqual([]);
    expect(scopeExcess({ allowLoftCli: true }, { projects: [{ project: "a" }] })).toHaveLength(1);
  });
});
