import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMPTY_CHECKER, toAccessRequest, type CheckerValues } from "@/lib/inspector/checker-form";
import { evaluateAccess } from "@/lib/scope/evaluate";
import type { AccessKeyScope, AccessKeyScopeRule } from "@/lib/scope/schema";
import type { RequestTarget } from "@/lib/scope/constants";
import { closeDirect, direct, issueToken } from "@/tests/support/direct";
import { startTestPlatform, type TestPlatform } from "@/tests/support/platform";
import { int, mulberry32, pick, type Rng } from "@/tests/support/prng";

/**
 * The direct endpoint and the inspector's access checker must agree: for generated scopes and
 * requests, a token issued through the real API is let through by the real endpoint (2xx, or 404 /
 * 405 from the simulated cluster after authorization) exactly when the checker, fed the checker
 * form's own values for that request, answers Allowed. Tokens are the admin's, so only the scope
 * decides.
 */

const SEED = 20261129;
const SCOPES = 40;
const REQUESTS_PER_SCOPE = 30;

type Target =
  | { kind: "Cluster" }
  | { kind: "ProjectSpace"; project: string; space: string }
  | { kind: "ProjectVirtualCluster"; project: string; virtualCluster: string };

const TARGETS: Target[] = [
  { kind: "Cluster" },
  { kind: "ProjectSpace", project: "default", space: "dev" },
  { kind: "ProjectSpace", project: "payments", space: "payments-dev" },
  { kind: "ProjectSpace", project: "platform", space: "ops" },
  { kind: "ProjectSpace", project: "default", space: "missing" },
  { kind: "ProjectVirtualCluster", project: "default", virtualCluster: "dev-vcluster" },
  { kind: "ProjectVirtualCluster", project: "default", virtualCluster: "preview" },
  { kind: "ProjectVirtualCluster", project: "payments", virtualCluster: "checkout" },
  { kind: "ProjectVirtualCluster", project: "platform", virtualCluster: "shared-tools" },
  { kind: "ProjectVirtualCluster", project: "payments", virtualCluster: "missing" },
];

/** The base URL path the official CLI builds for a target on a direct endpoint. */
const basePath = (t: Target) =>
  t.kind === "Cluster"
    ? "/kubernetes/cluster"
    : t.kind === "ProjectSpace"
      ? `/kubernetes/project/${t.project}/space/${t.space}`
      : `/kubernetes/project/${t.project}/virtualcluster/${t.virtualCluster}`;

type Req =
  | { target: Target; kind: "path"; method: string; path: string }
  | {
      target: Target;
      kind: "resource";
      method: string;
      watch: boolean;
      group: string;
      resource: string;
      namespace?: string;
      name?: string;
      subresource?: string;
    };

const NAMESPACED = ["pods", "configmaps", "services"];
const NAMES: Record<string, string[]> = {
  namespaces: ["default", "kube-system", "nope"],
  pods: ["web-0", "coredns-0"],
  configmaps: ["app-config", "kube-root-ca.crt"],
  services: ["kubernetes"],
  deployments: ["web"],
};

function genRequest(rng: Rng): Req {
  const target = pick(rng, TARGETS);
  if (rng() < 0.25) {
    const path = pick(rng, [
      "/version",
      "/api",
      "/api/v1",
      "/apis",
      "/healthz",
      "/openapi/v2",
      "/openapi/v3",
    ]);
    return { target, kind: "path", method: rng() < 0.85 ? "GET" : "POST", path };
  }
  const group = rng() < 0.85 ? "" : "apps";
  const resource = group === "apps" ? "deployments" : pick(rng, ["namespaces", ...NAMESPACED]);
  const namespaced = resource !== "namespaces";
  const method = pick(rng, ["GET", "GET", "GET", "GET", "POST", "PUT", "PATCH", "DELETE"]);
  const named = method === "PUT" || method === "PATCH" || (method !== "POST" && rng() < 0.5);
  const req: Req = { target, kind: "resource", method, watch: false, group, resource };
  if (namespaced && (rng() < 0.8 || named))
    req.namespace = pick(rng, ["default", "kube-system", "dev"]);
  if (named) req.name = pick(rng, NAMES[resource]!);
  if (named && resource === "pods" && rng() < 0.5) req.subresource = "log";
  if (method === "GET" && !named && rng() < 0.2) req.watch = true;
  return req;
}

/** Requests every scope is asked about, besides random ones: one per attribute the mapping sets. */
function probes(rng: Rng): Req[] {
  const target = () => pick(rng, TARGETS);
  const core = { kind: "resource" as const, watch: false, group: "" };
  return [
    { ...core, target: target(), method: "GET", resource: "namespaces", name: "default" },
    {
      ...core,
      target: target(),
      method: "GET",
      resource: "pods",
      namespace: "default",
      watch: true,
    },
    { ...core, target: target(), method: "GET", resource: "pods", namespace: "default" },
    { ...core, target: target(), method: "DELETE", resource: "configmaps", namespace: "default" },
    {
      ...core,
      target: target(),
      method: "PUT",
      resource: "configmaps",
      namespace: "default",
      name: "app-config",
    },
    {
      ...core,
      target: target(),
      method: "GET",
      resource: "pods",
      namespace: "default",
      name: "web-0",
      subresource: "log",
    },
    {
      ...core,
      target: target(),
      method: "GET",
      resource: "deployments",
      group: "apps",
      namespace: "default",
    },
    { target: target(), kind: "path", method: "GET", path: "/api" },
  ];
}

/** The URL path and query of a request, as kubectl would send it. */
function urlOf(r: Req): string {
  const base = basePath(r.target);
  if (r.kind === "path") return `${base}${r.path}`;
  const prefix = r.group ? `/apis/${r.group}/v1` : "/api/v1";
  let p = `${base}${prefix}`;
  if (r.namespace) p += `/namespaces/${r.namespace}`;
  p += `/${r.resource}`;
  if (r.name) p += `/${r.name}`;
  if (r.subresource) p += `/${r.subresource}`;
  return r.watch ? `${p}?watch=true` : p;
}

/**
 * The access checker's form, filled in as a person would describe the request (Kubernetes' verbs;
 * a named namespace is itself in that namespace, as the API server records it).
 */
function checkerValuesOf(r: Req): CheckerValues {
  const t = r.target;
  const values: CheckerValues = {
    ...EMPTY_CHECKER,
    kind: t.kind as RequestTarget,
    cluster: t.kind === "Cluster" ? "loft-cluster" : "",
    project: t.kind === "Cluster" ? "" : t.project,
    space: t.kind === "ProjectSpace" ? t.space : "",
    virtualCluster: t.kind === "ProjectVirtualCluster" ? t.virtualCluster : "",
  };
  if (r.kind === "path") {
    return { ...values, verb: r.method.toLowerCase(), nonResourceURL: r.path };
  }
  const verbs: Record<string, string> = {
    POST: "create",
    PUT: "update",
    PATCH: "patch",
    DELETE: r.name ? "delete" : "deletecollection",
    GET: r.name ? "get" : r.watch ? "watch" : "list",
  };
  return {
    ...values,
    verb: verbs[r.method]!,
    apiGroup: r.group,
    resource: r.resource,
    subresource: r.subresource ?? "",
    name: r.name ?? "",
    namespace: r.resource === "namespaces" ? (r.name ?? "") : (r.namespace ?? ""),
  };
}

const some = <T>(rng: Rng, items: readonly T[], max = 2): T[] => {
  const n = int(rng, 1, max);
  return [...new Set(Array.from({ length: n }, () => pick(rng, items)))];
};

/** Rules that each hinge on one request attribute (a verb, a namespace, a subresource, a group). */
const SHARP_RULES: AccessKeyScopeRule[] = [
  { verbs: ["watch"] },
  { verbs: ["list"] },
  { verbs: ["deletecollection"] },
  { verbs: ["update"] },
  { namespaces: ["default"] },
  { namespaces: [""] },
  { resources: [{ resources: ["pods/log"] }] },
  { resources: [{ resources: ["pods"] }] },
  { resources: [{ group: "apps" }] },
  { resources: [{ resources: ["namespaces"], resourceNames: ["default"] }] },
  { nonResourceURLs: ["/api"] },
];

function genRule(rng: Rng): AccessKeyScopeRule {
  if (rng() < 0.3) return pick(rng, SHARP_RULES);
  const rule: AccessKeyScopeRule = {};
  if (rng() < 0.75)
    rule.verbs = some(
      rng,
      ["get", "list", "watch", "create", "update", "delete", "deletecollection", "patch", "*"],
      3,
    );
  const shape = rng();
  if (shape < 0.4) {
    rule.resources = Array.from({ length: int(rng, 1, 2) }, () => {
      const gr: { group?: string; resources?: string[]; resourceNames?: string[] } = {};
      if (rng() < 0.8) gr.group = rng() < 0.8 ? "" : "apps";
      if (rng() < 0.8) {
        gr.resources = some(
          rng,
          [
            "namespaces",
            "pods",
            "pods/log",
            "*",
            "*/log",
            "pods/*",
            "configmaps",
            "services",
            "deployments",
          ],
          3,
        );
        if (rng() < 0.3)
          gr.resourceNames = some(rng, ["default", "web-0", "kube-system", "app-config"]);
      }
      return gr;
    });
    if (rng() < 0.35) rule.namespaces = some(rng, ["default", "kube-system", "", "dev"]);
  } else if (shape < 0.55) {
    rule.namespaces = some(rng, ["default", "kube-system", "", "dev"]);
  } else if (shape < 0.7) {
    rule.nonResourceURLs = some(
      rng,
      ["/version", "/api*", "*", "/healthz", "/apis", "/openapi/*"],
      3,
    );
  }
  if (rng() < 0.3)
    rule.requestTargets = some(rng, [
      "Management",
      "Cluster",
      "ProjectSpace",
      "ProjectVirtualCluster",
    ] as const);
  if (rng() < 0.1) rule.cluster = pick(rng, ["loft-cluster", "eu-west-1"]);
  if (rng() < 0.15) {
    rule.virtualClusters = [
      rng() < 0.5
        ? { name: pick(rng, ["dev-vcluster", "checkout", "preview"]) }
        : {
            name: pick(rng, ["dev-vcluster", "checkout"]),
            namespace: pick(rng, ["p-default", "p-payments"]),
          },
    ];
  }
  return rule;
}

function genScope(rng: Rng): AccessKeyScope | undefined {
  if (rng() < 0.05) return undefined;
  const scope: AccessKeyScope = {};
  const kinds = int(rng, 1, 3);
  for (let i = 0; i < kinds; i++) {
    switch (
      pick(rng, [
        "projects",
        "spaces",
        "virtualClusters",
        "clusters",
        "roles",
        "allowLoftCli",
        "rules",
        "rules",
        "rules",
        "rules",
      ] as const)
    ) {
      case "projects":
        scope.projects = some(rng, ["default", "payments", "platform", "*"]).map((project) => ({
          project,
        }));
        break;
      case "spaces":
        scope.spaces = [
          {
            project: pick(rng, ["default", "payments", "platform"]),
            space: pick(rng, ["dev", "ops", "payments-dev", "*", "staging"]),
          },
        ];
        break;
      case "virtualClusters":
        scope.virtualClusters = [
          {
            project: pick(rng, ["default", "payments", "platform"]),
            virtualCluster: pick(rng, ["dev-vcluster", "preview", "checkout", "shared-tools", "*"]),
          },
        ];
        break;
      case "clusters":
        scope.clusters = some(rng, ["loft-cluster", "eu-west-1", "*"]).map((cluster) => ({
          cluster,
        }));
        break;
      case "roles":
        scope.roles = some(rng, ["loft-cli", "vcluster", "network-peer"]).map((role) => {
          const entry: { role: string; projects?: string[]; virtualClusters?: string[] } = { role };
          if (rng() < 0.4) entry.projects = some(rng, ["default", "payments", "*"]);
          if (rng() < 0.3)
            entry.virtualClusters = some(rng, ["dev-vcluster", "default/preview", "*"]);
          return entry;
        });
        break;
      case "allowLoftCli":
        scope.allowLoftCli = true;
        break;
      case "rules":
        scope.rules = Array.from({ length: int(rng, 1, 2) }, () => genRule(rng));
        break;
    }
  }
  return scope;
}

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  closeDirect(t);
  await t.close();
});

describe("the direct endpoint agrees with the access checker", () => {
  it(`${SCOPES} generated scopes × ${REQUESTS_PER_SCOPE} requests (seed ${SEED})`, async () => {
    const rng = mulberry32(SEED);
    const mismatches: string[] = [];
    const unexpected: string[] = [];
    let letThrough = 0;
    let refused = 0;
    const answers = new Set<string>();
    for (let s = 0; s < SCOPES; s++) {
      const scope = genScope(rng);
      const token = await issueToken(t, scope ? { scope } : {});
      const fixed = probes(rng);
      const requests = [
        ...fixed,
        ...Array.from({ length: REQUESTS_PER_SCOPE - fixed.length }, () => genRequest(rng)),
      ];
      const results = await Promise.all(requests.map((r) => direct(t, token, r.method, urlOf(r))));
      requests.forEach((r, i) => {
        const res = results[i]!;
        const parsed = toAccessRequest(checkerValuesOf(r));
        if (!parsed.ok)
          throw new Error(`checker refused its values: ${JSON.stringify(parsed.errors)}`);
        const decision = evaluateAccess(scope, parsed.request, { projectNamespacePrefix: "p-" });
        answers.add(decision.answer);
        const passed =
          (res.status >= 200 && res.status < 300) || res.status === 404 || res.status === 405;
        if (!passed && res.status !== 403) {
          unexpected.push(
            `${res.status} ${r.method} ${urlOf(r)}: ${JSON.stringify(res.body).slice(0, 200)}`,
          );
          return;
        }
        if (passed) letThrough++;
        else refused++;
        if (passed !== decision.allowed) {
          mismatches.push(
            `scope ${JSON.stringify(scope)}: ${r.method} ${urlOf(r)} → ${res.status}, checker ${decision.answer} (${decision.reasons.join(" ")})`,
          );
        }
      });
    }
    expect(unexpected).toEqual([]);
    expect(mismatches.slice(0, 5)).toEqual([]);
    // Both outcomes, and every kind of answer, are exercised.
    const total = SCOPES * REQUESTS_PER_SCOPE;
    expect(letThrough).toBeGreaterThan(total / 10);
    expect(refused).toBeGreaterThan(total / 10);
    expect([...answers].sort()).toEqual(["allowed", "denied", "depends"]);
  });
});
