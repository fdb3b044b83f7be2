import {
  isEmptyScope,
  type AccessKeyScope,
  type AccessKeyScopeRole,
  type AccessKeyScopeRule,
  type GroupResources,
} from "./schema";
import { DEFAULT_PROJECT_NAMESPACE_PREFIX, LOFT_CLI_ROLE } from "./constants";

/**
 * "Can this token reach X?" — a pure answer from a token's AccessKeyScope, shared by the inspector's
 * access checker and the local platform (which enforces access keys' scopes with it), so the two
 * cannot disagree.
 *
 * Semantics (also in the README; where platform code is not public this is our reading of it):
 * - No scope: unrestricted (the holder's own permissions apply). A scope with no entries at all
 *   allows nothing.
 * - `projects`: any request to that project's spaces and virtual clusters, and management requests
 *   about that project's own resources (`*` = every project).
 * - `spaces` / `virtualClusters`: requests to that space / virtual cluster of that project
 *   (`*` = all in the project).
 * - `clusters`: requests to that cluster (`*` = every cluster).
 * - `allowLoftCli` and the `loft-cli` role: read-only (get, list, watch) management requests.
 * - Other `roles`: what a role lets through is decided by platform code that is not public, so the
 *   answer is "depends on the platform" (unless the entry's own projects / virtualClusters exclude
 *   the request).
 * - `rules` (deprecated): a rule allows a request when every axis it sets matches. The Kubernetes
 *   axes match exactly as audit-policy rules do (k8s.io/apiserver/pkg/audit/policy/checker.go,
 *   `ruleMatches`), plus `*` in verbs; the platform axes are `requestTargets`, `cluster` (set = only
 *   Cluster requests to that cluster) and `virtualClusters` (see `matchVirtualClusters`).
 * A request is allowed when any entry allows it; otherwise it depends on the platform when some role
 * might allow it; otherwise it is denied.
 */

export type AccessTarget =
  /** The management API; `project` when the request is about one project's own resources. */
  | { kind: "Management"; project?: string }
  | { kind: "Cluster"; cluster: string }
  | { kind: "ProjectSpace"; project: string; space: string }
  | { kind: "ProjectVirtualCluster"; project: string; virtualCluster: string };

export type AccessRequest = {
  target: AccessTarget;
  verb?: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  namespace?: string;
  nonResourceURL?: string;
};

/** `depends`: only a role whose behaviour is not public could allow the request. */
export type AccessAnswer = "allowed" | "denied" | "depends";

export type AccessDecision = {
  answer: AccessAnswer;
  /** True only for `allowed`: what an enforcing platform does with the answer. */
  allowed: boolean;
  /** Allowed: the entries that allow it. Depends: the role entries it hinges on, then the misses. Denied: why each entry missed. */
  reasons: string[];
  /** For `depends`: the entries the answer hinges on, e.g. `roles[1] (vcluster)`. */
  dependsOn?: string[];
};

export type EvaluateOptions = {
  /**
   * Prefix of a project's namespace on the management API (`selves` → `projectNamespacePrefix`).
   * A ProjectVirtualCluster request is matched against a rule's `virtualClusters[].namespace` as
   * the project namespace `<prefix><project>`. Default `p-`, the platform default.
   */
  projectNamespacePrefix?: string;
};

/** Verbs `allowLoftCli` and the `loft-cli` role let through to the management API. */
const LOFT_CLI_VERBS = ["get", "list", "watch"] as const;

export function evaluateAccess(
  scope: AccessKeyScope | undefined,
  request: AccessRequest,
  options: EvaluateOptions = {},
): AccessDecision {
  if (scope === undefined) {
    return decision("allowed", [
      "The token has no scope: it is unrestricted, so the holder's own permissions apply.",
    ]);
  }
  if (isEmptyScope(scope)) {
    return decision("denied", [
      "The scope has no entries (no roles, projects, spaces, virtual clusters, clusters, rules or Loft CLI), so it allows nothing.",
    ]);
  }
  if (request.resource && request.nonResourceURL) {
    return decision("denied", [
      "A request is either a resource request or a non-resource URL, not both.",
    ]);
  }
  const prefix = options.projectNamespacePrefix ?? DEFAULT_PROJECT_NAMESPACE_PREFIX;
  const { verdicts, dependences } = entryVerdicts(scope, request, prefix);
  return decisionOf(verdicts, dependences);
}

/** A scope entry that allows the request (`miss` null), or why it does not. */
type Verdict = { label: string; miss: string | null };
/** A role entry the answer hinges on: what the role lets through is decided by the platform. */
type Dependence = { label: string; why: string };

type ScopeEntry<K extends "projects" | "spaces" | "virtualClusters" | "clusters"> = NonNullable<
  AccessKeyScope[K]
>[number];

/** Every entry of `scope` on `request`, in the scope's order: allowLoftCli, roles, …, rules. */
function entryVerdicts(scope: AccessKeyScope, request: AccessRequest, prefix: string) {
  const { target } = request;
  const verdicts: Verdict[] = [];
  const dependences: Dependence[] = [];
  if (scope.allowLoftCli) verdicts.push({ label: "allowLoftCli", miss: loftCliMiss(request) });
  (scope.roles ?? []).forEach((entry, i) => {
    const outcome = roleVerdict(entry, i, request);
    if ("why" in outcome) dependences.push(outcome);
    else verdicts.push(outcome);
  });
  (scope.projects ?? []).forEach((entry, i) => verdicts.push(projectVerdict(entry, i, target)));
  (scope.spaces ?? []).forEach((entry, i) => verdicts.push(spaceVerdict(entry, i, target)));
  (scope.virtualClusters ?? []).forEach((entry, i) =>
    verdicts.push(virtualClusterVerdict(entry, i, target)),
  );
  (scope.clusters ?? []).forEach((entry, i) => verdicts.push(clusterVerdict(entry, i, target)));
  (scope.rules ?? []).forEach((rule, i) =>
    verdicts.push({ label: `rules[${i}]`, miss: ruleMiss(rule, request, prefix) }),
  );
  return { verdicts, dependences };
}

/** Allowed when any entry allows; else depends when a role might; else denied, with each miss. */
function decisionOf(verdicts: Verdict[], dependences: Dependence[]): AccessDecision {
  const allowedBy: string[] = [];
  const deniedBy: string[] = [];
  for (const { label, miss } of verdicts) {
    if (miss === null) allowedBy.push(`allowed by ${label}`);
    else deniedBy.push(`${label}: ${miss}`);
  }
  if (allowedBy.length > 0) return decision("allowed", allowedBy);
  if (dependences.length > 0) {
    return {
      ...decision("depends", [...dependences.map((d) => d.why), ...deniedBy]),
      dependsOn: dependences.map((d) => d.label),
    };
  }
  return decision("denied", deniedBy);
}

function roleVerdict(
  entry: AccessKeyScopeRole,
  i: number,
  request: AccessRequest,
): Verdict | Dependence {
  const label = `roles[${i}] (${entry.role})`;
  const miss = roleLimitMiss(entry, request.target);
  if (miss) return { label, miss };
  if (entry.role === LOFT_CLI_ROLE) return { label, miss: loftCliMiss(request) };
  return {
    label,
    why: `depends on the platform: role ${entry.role} (${label}) — what this role lets through is decided by platform code that is not public.`,
  };
}

function projectVerdict(entry: ScopeEntry<"projects">, i: number, target: AccessTarget): Verdict {
  const label = `projects[${i}] (${entry.project === "*" ? "all projects" : `project ${entry.project}`})`;
  const project = projectOf(target);
  if (project === undefined) {
    return {
      label,
      miss: `covers only requests to a project's spaces, virtual clusters and its own management resources, not ${targetText(target)}.`,
    };
  }
  if (entry.project !== "*" && entry.project !== project) {
    return { label, miss: `the request is for project ${project}.` };
  }
  return { label, miss: null };
}

function spaceVerdict(entry: ScopeEntry<"spaces">, i: number, target: AccessTarget): Verdict {
  const label = `spaces[${i}] (project ${entry.project}, ${entry.space === "*" ? "all spaces" : `space ${entry.space}`})`;
  if (target.kind !== "ProjectSpace") {
    return { label, miss: `covers only requests to spaces, not ${targetText(target)}.` };
  }
  if (entry.project !== target.project) {
    return { label, miss: `the request is for project ${target.project}.` };
  }
  if (entry.space !== "*" && entry.space !== target.space) {
    return { label, miss: `the request is for space ${target.space}.` };
  }
  return { label, miss: null };
}

function virtualClusterVerdict(
  entry: ScopeEntry<"virtualClusters">,
  i: number,
  target: AccessTarget,
): Verdict {
  const label = `virtualClusters[${i}] (project ${entry.project}, ${
    entry.virtualCluster === "*"
      ? "all virtual clusters"
      : `virtual cluster ${entry.virtualCluster}`
  })`;
  if (target.kind !== "ProjectVirtualCluster") {
    return { label, miss: `covers only requests to virtual clusters, not ${targetText(target)}.` };
  }
  if (entry.project !== target.project) {
    return { label, miss: `the request is for project ${target.project}.` };
  }
  if (entry.virtualCluster !== "*" && entry.virtualCluster !== target.virtualCluster) {
    return { label, miss: `the request is for virtual cluster ${target.virtualCluster}.` };
  }
  return { label, miss: null };
}

function clusterVerdict(entry: ScopeEntry<"clusters">, i: number, target: AccessTarget): Verdict {
  const label = `clusters[${i}] (${entry.cluster === "*" ? "all clusters" : `cluster ${entry.cluster}`})`;
  if (target.kind !== "Cluster") {
    return { label, miss: `covers only requests to clusters, not ${targetText(target)}.` };
  }
  if (entry.cluster !== "*" && entry.cluster !== target.cluster) {
    return { label, miss: `the request is for cluster ${target.cluster}.` };
  }
  return { label, miss: null };
}

function decision(answer: AccessAnswer, reasons: string[]): AccessDecision {
  return { answer, allowed: answer === "allowed", reasons };
}

/** The project a request concerns, if any. */
function projectOf(target: AccessTarget): string | undefined {
  return target.kind === "Cluster" ? undefined : target.project;
}

/** A role entry's own limits: `projects` and `virtualClusters` (empty = no limit). */
function roleLimitMiss(entry: AccessKeyScopeRole, target: AccessTarget): string | null {
  const projects = entry.projects ?? [];
  const project = projectOf(target);
  if (projects.length > 0 && !projects.includes("*")) {
    if (project === undefined) {
      return `the role is limited to projects ${projects.join(", ")}; ${targetText(target)} belong to no project.`;
    }
    if (!projects.includes(project)) {
      return `the role is limited to projects ${projects.join(", ")}; the request is for project ${project}.`;
    }
  }
  const vcs = entry.virtualClusters ?? [];
  if (vcs.length > 0 && !vcs.includes("*")) {
    if (target.kind !== "ProjectVirtualCluster") {
      return `the role is limited to virtual clusters ${vcs.join(", ")}, not ${targetText(target)}.`;
    }
    // The string's format is not documented: a bare name or project/name both match.
    const hit = vcs.some(
      (vc) => vc === target.virtualCluster || vc === `${target.project}/${target.virtualCluster}`,
    );
    if (!hit) {
      return `the role is limited to virtual clusters ${vcs.join(", ")}; the request is for virtual cluster ${target.virtualCluster}.`;
    }
  }
  return null;
}

function targetText(target: AccessTarget): string {
  switch (target.kind) {
    case "Management":
      return target.project
        ? `Management requests about project ${target.project}`
        : "Management requests";
    case "Cluster":
      return `requests to cluster ${target.cluster}`;
    case "ProjectSpace":
      return `requests to space ${target.space} of project ${target.project}`;
    case "ProjectVirtualCluster":
      return `requests to virtual cluster ${target.virtualCluster} of project ${target.project}`;
  }
}

function loftCliMiss(request: AccessRequest): string | null {
  if (request.target.kind !== "Management") {
    return `allows only read-only Management requests, not ${targetText(request.target)}.`;
  }
  if (!request.verb)
    return "allows only read-only verbs (get, list, watch); the request names no verb.";
  if (!(LOFT_CLI_VERBS as readonly string[]).includes(request.verb)) {
    return `allows only read-only verbs (get, list, watch), not ${request.verb}.`;
  }
  return null;
}

/** Why `rule` does not match `request`, or null when it matches. */
function ruleMiss(
  rule: AccessKeyScopeRule,
  request: AccessRequest,
  projectNamespacePrefix = DEFAULT_PROJECT_NAMESPACE_PREFIX,
): string | null {
  const { target } = request;
  const targets = rule.requestTargets ?? [];
  if (targets.length > 0 && !targets.includes(target.kind)) {
    return `its requestTargets (${targets.join(", ")}) do not include ${target.kind}.`;
  }
  if (rule.cluster) {
    if (target.kind !== "Cluster") {
      return `it is limited to cluster ${rule.cluster}, so it matches only Cluster requests, not ${targetText(target)}.`;
    }
    if (target.cluster !== rule.cluster) {
      return `it is limited to cluster ${rule.cluster}; the request is for cluster ${target.cluster}.`;
    }
  }
  const vcMiss = matchVirtualClusters(rule, target, projectNamespacePrefix);
  if (vcMiss) return vcMiss;
  return kubernetesRuleMiss(rule, request);
}

/**
 * The rule's `virtualClusters` axis. The reference: "Only applies to virtual cluster requests. An
 * empty list means no restrictions will apply." Unlike `cluster` (whose doc adds "no requests for
 * non cluster requests are allowed"), it does not exclude other targets, so Management, Cluster and
 * ProjectSpace requests pass this axis. A ProjectVirtualCluster request is matched as
 * name = the virtual cluster's name and namespace = the project namespace `<prefix><project>`
 * (`p-<project>` by default), where the platform keeps a project's VirtualClusterInstances.
 * An empty name or namespace in an entry matches any.
 */
function matchVirtualClusters(
  rule: AccessKeyScopeRule,
  target: AccessTarget,
  projectNamespacePrefix: string,
): string | null {
  const entries = rule.virtualClusters ?? [];
  if (entries.length === 0 || target.kind !== "ProjectVirtualCluster") return null;
  const namespace = `${projectNamespacePrefix}${target.project}`;
  const hit = entries.some(
    (vc) =>
      (!vc.name || vc.name === target.virtualCluster) &&
      (!vc.namespace || vc.namespace === namespace),
  );
  if (hit) return null;
  const listed = entries
    .map(
      (vc) =>
        `${vc.name || "any name"} in ${vc.namespace ? `namespace ${vc.namespace}` : "any namespace"}`,
    )
    .join("; ");
  return `its virtualClusters (${listed}) do not include virtual cluster ${target.virtualCluster} in namespace ${namespace}.`;
}

/** Port of checker.go `ruleMatches` (without users/userGroups, which a scope rule lacks). */
function kubernetesRuleMiss(rule: AccessKeyScopeRule, request: AccessRequest): string | null {
  const verbs = rule.verbs ?? [];
  const verb = request.verb ?? "";
  if (verbs.length > 0 && !verbs.includes(verb) && !verbs.includes("*")) {
    return verb
      ? `verb ${verb} is not in its verbs (${verbs.join(", ")}).`
      : `it allows only the verbs ${verbs.join(", ")}; the request names no verb.`;
  }
  const namespaces = rule.namespaces ?? [];
  const resources = rule.resources ?? [];
  if (namespaces.length > 0 || resources.length > 0)
    return resourceMiss(namespaces, resources, request);
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) return nonResourceMiss(urls, request);
  return null;
}

function resourceMiss(
  namespaces: string[],
  resources: GroupResources[],
  request: AccessRequest,
): string | null {
  if (!request.resource) {
    return request.nonResourceURL
      ? "it matches only resource requests (it sets resources or namespaces), not a non-resource URL."
      : "it matches only resource requests (it sets resources or namespaces); the request names no resource.";
  }
  const namespace = request.namespace ?? ""; // Non-namespaced resources use the empty string.
  if (namespaces.length > 0 && !namespaces.includes(namespace)) {
    return `${namespace ? `namespace ${namespace}` : "a non-namespaced request"} is not in its namespaces (${namespaces
      .map((n) => (n === "" ? '"" (non-namespaced)' : n))
      .join(", ")}).`;
  }
  if (resources.length === 0) return null;

  const apiGroup = request.apiGroup ?? "";
  const resource = request.resource;
  const subresource = request.subresource ?? "";
  const combined = subresource ? `${resource}/${subresource}` : resource;
  const name = request.name ?? "";

  for (const gr of resources) {
    if ((gr.group ?? "") !== apiGroup) continue;
    const listed = gr.resources ?? [];
    if (listed.length === 0) return null;
    const names = gr.resourceNames ?? [];
    if (names.length > 0 && !names.includes(name)) continue;
    for (const res of listed) {
      if (res === combined || res === "*") return null;
      if (subresource && res.startsWith("*/") && subresource === res.slice(2)) return null;
      if (res.endsWith("/*") && resource === res.slice(0, -2)) return null;
    }
  }
  const group = apiGroup ? `API group ${apiGroup}` : "the core API group";
  return `${combined}${name ? ` named ${name}` : ""} in ${group} is not in its resources (${resources
    .map(describeGroupResources)
    .join("; ")}).`;
}

function describeGroupResources(gr: GroupResources): string {
  const group = gr.group ? `group ${gr.group}` : "core group";
  const res = gr.resources?.length ? gr.resources.join(", ") : "all resources";
  const names = gr.resourceNames?.length ? ` named ${gr.resourceNames.join(", ")}` : "";
  return `${group}: ${res}${names}`;
}

function nonResourceMiss(urls: string[], request: AccessRequest): string | null {
  if (request.resource) {
    return "it matches only non-resource URLs (it sets only nonResourceURLs), not a resource request.";
  }
  if (!request.nonResourceURL) {
    return "it matches only non-resource URLs (it sets only nonResourceURLs); the request names no URL.";
  }
  const path = request.nonResourceURL;
  if (urls.some((spec) => pathMatches(path, spec))) return null;
  return `URL ${path} is not in its nonResourceURLs (${urls.join(", ")}).`;
}

/** checker.go `pathMatches`: `*`, exact, or a trailing-`*` string prefix. */
export function pathMatches(path: string, spec: string): boolean {
  if (spec === "*" || spec === path) return true;
  return spec.endsWith("*") && path.startsWith(spec.replace(/\*+$/, ""));
}
