import { describe, expect, it } from "vitest";
import { evaluateAccess, type AccessRequest, type AccessTarget } from "@/lib/scope/evaluate";
import { AccessKeyScope, type AccessKeyScopeRule } from "@/lib/scope/schema";
import { scopeExcess } from "@/lib/scope/subset";
import { proposeScope, type ObservedRequest } from "@/lib/explain/propose-scope";
import { parseActivity } from "@/lib/explain/activity";
import { accessRequestOf, splitPath } from "@/lib/explain/activity-path";
import { directAccessRequest, requestInfoOf } from "@/lib/explain/direct-request";
import { int, mulberry32, pick, type Rng } from "../support/prng";

const PROJECTS = ["a", "b", "c"];
const NAMES = ["x", "y", "z"];
const CLUSTERS = ["eu", "us", "ap"];
const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"];
const RESOURCES: [string, string][] = [
  ["", "pods"],
  ["apps", "deployments"],
  ["management.loft.sh", "projects"],
  ["management.loft.sh", "virtualclusterinstances"],
  ["management.loft.sh", "users"],
];

const maybe = (rng: Rng, p = 0.5) => rng() < p;
const some = <T>(rng: Rng, max: number, make: () => T) =>
  Array.from({ length: int(rng, 0, max) }, make);
const nameOrAll = (rng: Rng, names: string[]) => (maybe(rng, 0.25) ? "*" : pick(rng, names));

function randomTarget(rng: Rng, names = NAMES): AccessTarget {
  switch (int(rng, 0, 3)) {
    case 0:
      return maybe(rng)
        ? { kind: "Management", project: pick(rng, PROJECTS) }
        : { kind: "Management" };
    case 1:
      return { kind: "Cluster", cluster: pick(rng, CLUSTERS) };
    case 2:
      return { kind: "ProjectSpace", project: pick(rng, PROJECTS), space: pick(rng, names) };
    default:
      return {
        kind: "ProjectVirtualCluster",
        project: pick(rng, PROJECTS),
        virtualCluster: pick(rng, names),
      };
  }
}

function randomRequest(rng: Rng, target = randomTarget(rng)): AccessRequest {
  const verb = pick(rng, VERBS);
  if (maybe(rng, 0.15))
    return { target, verb, nonResourceURL: pick(rng, ["/version", "/apis", "/healthz"]) };
  const [apiGroup, resource] = pick(rng, RESOURCES);
  return {
    target,
    verb,
    resource,
    ...(apiGroup ? { apiGroup } : {}),
    ...(maybe(rng) ? { name: pick(rng, NAMES) } : {}),
    ...(maybe(rng) ? { namespace: pick(rng, ["web", "p-a", "p-b"]) } : {}),
  };
}

function randomRule(rng: Rng): AccessKeyScopeRule {
  const rule: AccessKeyScopeRule = {};
  if (maybe(rng)) rule.verbs = [pick(rng, VERBS), pick(rng, VERBS)];
  if (maybe(rng))
    rule.requestTargets = [
      pick(rng, ["Management", "Cluster", "ProjectSpace", "ProjectVirtualCluster"] as const),
    ];
  if (maybe(rng, 0.3)) rule.cluster = pick(rng, CLUSTERS);
  if (maybe(rng)) {
    const [group, resource] = pick(rng, RESOURCES);
    rule.resources = [{ group, resources: [resource] }];
  }
  return rule;
}

/** A credential's scope: target entries with wildcards, loft-cli roles; rules when `rules`. */
function randomScope(rng: Rng, rules: boolean): AccessKeyScope {
  const scope: AccessKeyScope = {
    projects: some(rng, 1, () => ({ project: nameOrAll(rng, PROJECTS) })),
    spaces: some(rng, 3, () => ({ project: pick(rng, PROJECTS), space: nameOrAll(rng, NAMES) })),
    virtualClusters: some(rng, 3, () => ({
      project: pick(rng, PROJECTS),
      virtualCluster: nameOrAll(rng, NAMES),
    })),
    clusters: some(rng, 2, () => ({ cluster: nameOrAll(rng, CLUSTERS) })),
  };
  if (maybe(rng, 0.3))
    scope.roles = [
      maybe(rng) ? { role: "loft-cli" } : { role: "loft-cli", projects: [pick(rng, PROJECTS)] },
    ];
  if (maybe(rng, 0.2)) scope.roles = [...(scope.roles ?? []), { role: "vcluster" }];
  if (maybe(rng, 0.15)) scope.allowLoftCli = true;
  if (rules) scope.rules = some(rng, 2, () => randomRule(rng));
  return scope;
}

/** Requests the credential admits: what a job holding it could have done. */
function activity(rng: Rng, credential: AccessKeyScope): ObservedRequest[] {
  const out: ObservedRequest[] = [];
  for (let i = 0; i < 300 && out.length < 12; i++) {
    const request = randomRequest(rng);
    if (evaluateAccess(credential, request).allowed) out.push({ request, line: out.length + 1 });
  }
  return out;
}

const allowed = (scope: AccessKeyScope, request: AccessRequest) =>
  evaluateAccess(scope, request).allowed;
const key = (t: AccessTarget) => JSON.stringify(t);

describe("proposeScope: synthesis round trip", () => {
  it("admits every recorded request, names targets, refuses other targets, stays within the credential", () => {
    const rng = mulberry32(21);
    let proposals = 0;
    let refusals = 0;
    const kinds = new Set<string>();
    for (let run = 0; run < 400; run++) {
      const credential = randomScope(rng, false);
      const recorded = activity(rng, credential);
      if (!recorded.length) continue;
      proposals++;
      const proposal = proposeScope(recorded, { credential });
      for (const k of Object.keys(proposal.scope)) kinds.add(k);
      expect(AccessKeyScope.safeParse(proposal.scope).success).toBe(true);
      for (const o of recorded)
        expect(allowed(proposal.scope, o.request), JSON.stringify(o.request)).toBe(true);
      expect(scopeExcess(proposal.scope, credential)).toEqual([]);
      expect(proposal.excess).toEqual([]);
      expect(proposal.beyondCredential).toEqual([]);
      // Named entries only: the credential's wildcards never reach the proposal.
      expect(JSON.stringify(proposal.scope)).not.toContain('"*"');
      expect(proposal.scope.rules).toBeUndefined();
      // A sample of other targets (spaces, virtual clusters, clusters nobody touched) is refused.
      const touched = new Set(recorded.map((o) => key(o.request.target)));
      for (let i = 0; i < 30; i++) {
        const other = randomRequest(rng, randomTarget(rng, [...NAMES, "w"]));
        if (other.target.kind === "Management" || touched.has(key(other.target))) continue;
        const viaProject = (proposal.scope.projects ?? []).some(
          (p) => "project" in other.target && p.project === other.target.project,
        );
        if (viaProject) continue;
        refusals++;
        expect(allowed(proposal.scope, other), JSON.stringify(other)).toBe(false);
      }
    }
    expect(proposals).toBeGreaterThan(200);
    expect(refusals).toBeGreaterThan(2000);
    expect([...kinds].sort()).toEqual([
      "clusters",
      "projects",
      "roles",
      "spaces",
      "virtualClusters",
    ]);
  });

  it("with deprecated rules in the credential, still admits all and is never broader than it", () => {
    const rng = mulberry32(2121);
    let copiedRules = 0;
    for (let run = 0; run < 400; run++) {
      const credential = randomScope(rng, true);
      const recorded = activity(rng, credential);
      const proposal = proposeScope(recorded, { credential });
      for (const o of recorded) expect(allowed(proposal.scope, o.request)).toBe(true);
      if (proposal.scope.rules?.length) copiedRules++;
      expect(scopeExcess(proposal.scope, credential)).toEqual([]);
      // Never broader, checked by evaluation too: whatever the proposal admits, the credential does.
      for (let i = 0; i < 30; i++) {
        const sample = randomRequest(rng);
        if (allowed(proposal.scope, sample))
          expect(allowed(credential, sample), JSON.stringify(sample)).toBe(true);
      }
    }
    expect(copiedRules).toBeGreaterThan(20);
  });

  it("without a credential, proposes named entries and admits every request", () => {
    const rng = mulberry32(7);
    for (let run = 0; run < 200; run++) {
      const recorded = some(rng, 10, () => ({ request: randomRequest(rng) }));
      const proposal = proposeScope(recorded);
      expect(AccessKeyScope.safeParse(proposal.scope).success).toBe(true);
      for (const o of recorded) expect(allowed(proposal.scope, o.request)).toBe(true);
      expect(JSON.stringify(proposal.scope)).not.toContain('"*"');
    }
  });
});

/** The URL path a request to `target` takes (clusters in the platform-host form, which names them). */
function basePath(target: AccessTarget): string {
  switch (target.kind) {
    case "ProjectVirtualCluster":
      return `/kubernetes/project/${target.project}/virtualcluster/${target.virtualCluster}`;
    case "ProjectSpace":
      return `/kubernetes/project/${target.project}/space/${target.space}`;
    case "Cluster":
      return `/kubernetes/cluster/${target.cluster}`;
    case "Management":
      return "/kubernetes/management";
  }
}

/** A request as a line of pasted activity: an audit event or a kubectl command. */
function activityLine(rng: Rng, r: AccessRequest): string {
  const project = r.target.kind === "Management" ? r.target.project : undefined;
  const object = project
    ? "/apis/management.loft.sh/v1/projects/" + project
    : "/api/v1/namespaces/web/pods";
  const uri = basePath(r.target) + (r.nonResourceURL ?? object);
  if (maybe(rng)) {
    return JSON.stringify({
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      auditID: String(rng()),
      verb: r.verb,
      requestURI: uri,
      responseStatus: { code: 200 },
    });
  }
  const what = project
    ? `get project ${project}`
    : r.nonResourceURL
      ? `get --raw ${r.nonResourceURL}`
      : "get pods -n web";
  return `kubectl --server https://h.example.com${basePath(r.target)} ${what}`;
}

describe("proposeScope: from pasted activity", () => {
  it("admits every pasted request and stays within the credential that made them", () => {
    const rng = mulberry32(4242);
    for (let run = 0; run < 200; run++) {
      const credential = randomScope(rng, false);
      // A management path names a project only for a resource (`projects/<p>`), not for a URL.
      const recorded = activity(rng, credential).filter(
        (o) =>
          o.request.target.kind !== "Management" ||
          !o.request.target.project !== !o.request.nonResourceURL,
      );
      const lines = recorded.map((o) => activityLine(rng, o.request));
      const parsed = parseActivity(lines.join("\n"));
      expect(parsed.problems).toEqual([]);
      const targets = (list: { request: AccessRequest }[]) =>
        new Set(list.map((o) => key(o.request.target)));
      expect(targets(parsed.requests)).toEqual(targets(recorded));
      const proposal = proposeScope(parsed.requests, { credential });
      expect(scopeExcess(proposal.scope, credential)).toEqual([]);
      for (const o of parsed.requests) expect(allowed(proposal.scope, o.request)).toBe(true);
    }
  });
});

describe("proposeScope: what it proposes", () => {
  const vcReq = (project: string, virtualCluster: string, verb = "get"): ObservedRequest => ({
    request: {
      target: { kind: "ProjectVirtualCluster", project, virtualCluster },
      verb,
      resource: "pods",
    },
  });

  it("names the touched targets, reads as the loft-cli role, project writes as a project", () => {
    const text = [
      "kubectl --server https://h/kubernetes/project/default/virtualcluster/x get pods",
      "kubectl --server https://h/kubernetes/project/default/virtualcluster/x delete pod web-0",
      "kubectl --server https://h/kubernetes/project/dev/space/a logs web-0",
      "kubectl --server https://h/kubernetes/cluster/eu get nodes",
      "kubectl --server https://h/kubernetes/management get virtualclusterinstances -n p-demo",
    ].join("\n");
    const proposal = proposeScope(parseActivity(text).requests);
    expect(proposal.scope).toEqual({
      roles: [{ role: "loft-cli", projects: ["demo"] }],
      spaces: [{ project: "dev", space: "a" }],
      virtualClusters: [{ project: "default", virtualCluster: "x" }],
      clusters: [{ cluster: "eu" }],
    });
    expect(proposal.entries).toEqual([
      { field: "virtualClusters[0]", text: "virtual cluster default/x", lines: [1, 2] },
      { field: "spaces[0]", text: "space dev/a", lines: [3] },
      { field: "clusters[0]", text: "cluster eu", lines: [4] },
      { field: "roles[0]", text: "role loft-cli (projects demo)", lines: [5] },
    ]);
    const write = proposeScope([
      {
        request: {
          target: { kind: "Management", project: "demo" },
          verb: "create",
          resource: "virtualclusterinstances",
        },
      },
      {
        request: {
          target: { kind: "Management", project: "demo" },
          verb: "get",
          resource: "virtualclusterinstances",
        },
      },
      vcReq("demo", "v"),
    ]);
    expect(write.scope).toEqual({ projects: [{ project: "demo" }] }); // the project covers demo/v
  });

  it("proposes a deprecated rule only for a management write outside any project", () => {
    const proposal = proposeScope([
      {
        request: {
          target: { kind: "Management" },
          verb: "patch",
          apiGroup: "management.loft.sh",
          resource: "users",
          name: "alice",
        },
      },
      {
        request: {
          target: { kind: "Management" },
          verb: "update",
          apiGroup: "management.loft.sh",
          resource: "users",
          name: "alice",
        },
      },
    ]);
    expect(proposal.scope).toEqual({
      rules: [
        {
          requestTargets: ["Management"],
          verbs: ["patch", "update"],
          resources: [
            { group: "management.loft.sh", resources: ["users"], resourceNames: ["alice"] },
          ],
          namespaces: [""],
        },
      ],
    });
    expect(proposal.notes).toEqual([expect.stringMatching(/Deprecated rules/)]);
  });

  it("keeps within the credential: its own entry when nothing narrower is covered, reports what it refuses", () => {
    const rule = { requestTargets: ["ProjectVirtualCluster" as const], verbs: ["get"] };
    const credential: AccessKeyScope = { rules: [rule], spaces: [{ project: "dev", space: "*" }] };
    const proposal = proposeScope(
      [
        { line: 1, request: vcReq("default", "x").request },
        {
          line: 2,
          request: { target: { kind: "ProjectSpace", project: "dev", space: "a" }, verb: "delete" },
        },
        { line: 3, request: vcReq("default", "x", "delete").request },
        { line: 4, outcome: "refused", request: vcReq("default", "y", "delete").request },
      ],
      { credential },
    );
    expect(proposal.scope).toEqual({ spaces: [{ project: "dev", space: "a" }], rules: [rule] });
    expect(proposal.beyondCredential.map((b) => [b.line, b.answer])).toEqual([[3, "denied"]]);
    expect(proposal.leftOut.map((o) => o.line)).toEqual([4]);
  });

  it("allows nothing when nothing was recorded", () => {
    const proposal = proposeScope([]);
    expect(proposal.scope).toEqual({});
    expect(proposal.notes).toEqual([expect.stringMatching(/allows nothing/)]);
  });
});

describe("request paths agree with the direct endpoint's mapping", () => {
  it("gives the same AccessRequest for the same method, path and query", () => {
    const rng = mulberry32(99);
    const bases = [
      "/kubernetes/project/demo/virtualcluster/v1",
      "/kubernetes/project/demo/space/s%2D1",
      "/kubernetes/cluster",
    ];
    const rests = [
      "",
      "/version",
      "/api",
      "/api/v1",
      "/apis/apps/v1",
      "/api/v1/pods",
      "/api/v1/namespaces",
      "/api/v1/namespaces/web",
      "/api/v1/namespaces/web/status",
      "/api/v1/namespaces/web/pods/p1/log",
      "/apis/apps/v1/namespaces/web/deployments/d/scale",
      "/apis/apps/v1/watch/namespaces/web/deployments",
      "/api/v1/nodes/n1/proxy/x/y",
    ];
    const queries = ["", "watch=true", "fieldSelector=metadata.name%3Dp1", "watch=1&limit=5"];
    for (let i = 0; i < 500; i++) {
      const path = pick(rng, bases) + pick(rng, rests);
      const method = pick(rng, ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]);
      const query = new URLSearchParams(pick(rng, queries));
      const split = splitPath(path)!;
      const target = split.target ?? { kind: "Cluster", cluster: "eu" };
      const ours = accessRequestOf(target, requestInfoOf(method, split.rest, query));
      expect(ours, `${method} ${path}?${query}`).toEqual(
        directAccessRequest(method, path, query, "eu")!.request,
      );
    }
  });

  it("reads the platform-host cluster form and the management API", () => {
    expect(splitPath("/kubernetes/cluster/eu/api/v1/pods")).toEqual({
      target: { kind: "Cluster", cluster: "eu" },
      rest: "/api/v1/pods",
      base: "/kubernetes/cluster/eu",
    });
    const split = splitPath("/kubernetes/management/apis/management.loft.sh/v1/projects/demo")!;
    expect(
      accessRequestOf(split.target!, requestInfoOf("DELETE", split.rest, new URLSearchParams())),
    ).toEqual({
      target: { kind: "Management", project: "demo" },
      verb: "delete",
      apiGroup: "management.loft.sh",
      resource: "projects",
      name: "demo",
    });
    expect(splitPath("/kubernetes/elsewhere")).toBeUndefined();
  });
});
