import { evaluateAccess, type AccessRequest } from "@/lib/scope/evaluate";
import { readScope } from "@/lib/scope/read";
import type { AccessKeyScope, AccessKeyScopeRule } from "@/lib/scope/schema";
import { explainAccess } from "./checks";
import type { DirectTarget } from "./direct-request";
import type { ExplainFacts } from "./facts";
import { SELF_REVIEWS } from "./self-review";

/**
 * What `kubectl auth can-i --list` shows (a SelfSubjectRulesReview's status): the rules a
 * credential's scope grants on a direct-endpoint target in a namespace, within its owner's rights.
 * Entries naming the target (projects, spaces, virtual clusters, clusters) grant everything;
 * deprecated `rules` are translated axis by axis; a role whose rules are not public makes the answer
 * `incomplete`. Self reviews are always listed, as Kubernetes' `system:basic-user` grants them.
 */

export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}
export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs: string[];
}
export interface RulesReview {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

const ALL_RESOURCES: ResourceRule = { verbs: ["*"], apiGroups: ["*"], resources: ["*"] };
const ALL_URLS: NonResourceRule = { verbs: ["*"], nonResourceURLs: ["*"] };

const SELF_REVIEW_RULES: ResourceRule[] = ["authentication.k8s.io", "authorization.k8s.io"].map(
  (group) => ({
    verbs: ["create"],
    apiGroups: [group],
    resources: SELF_REVIEWS.filter((r) => r.group === group).map((r) => r.resource),
  }),
);

/** Whether a one-entry scope lets a request to `target` through (the target axes alone). */
const admits = (scope: AccessKeyScope, target: DirectTarget, prefix?: string) =>
  evaluateAccess(scope, { target, verb: "get", nonResourceURL: "/" } satisfies AccessRequest, {
    projectNamespacePrefix: prefix,
  });

/** A rule's Kubernetes axes as RBAC-style rules in `namespace` (none when it excludes it). */
function translate(rule: AccessKeyScopeRule, namespace: string, out: RulesReview) {
  const verbs = rule.verbs?.length ? rule.verbs : ["*"];
  const namespaces = rule.namespaces ?? [];
  if (namespaces.length > 0 && !namespaces.includes(namespace)) return;
  const resources = rule.resources ?? [];
  if (namespaces.length > 0 || resources.length > 0) {
    if (resources.length === 0) out.resourceRules.push({ ...ALL_RESOURCES, verbs });
    for (const gr of resources) {
      const r: ResourceRule = {
        verbs,
        apiGroups: [gr.group ?? ""],
        resources: gr.resources?.length ? gr.resources : ["*"],
      };
      if (gr.resourceNames?.length) r.resourceNames = gr.resourceNames;
      out.resourceRules.push(r);
    }
    return;
  }
  if (rule.nonResourceURLs?.length) {
    out.nonResourceRules.push({ verbs, nonResourceURLs: rule.nonResourceURLs });
    return;
  }
  out.resourceRules.push({ ...ALL_RESOURCES, verbs });
  out.nonResourceRules.push({ ...ALL_URLS, verbs });
}

/** What the scope grants on `target` in `namespace`, ignoring the owner's rights. */
function scopeRules(
  scope: AccessKeyScope,
  place: { target: DirectTarget; namespace: string; prefix?: string },
  out: RulesReview,
) {
  const { target, namespace, prefix } = place;
  const { rules = [], roles = [], ...entries } = scope;
  const whole = (Object.keys(entries) as Array<keyof typeof entries>).some(
    (field) =>
      field !== "allowLoftCli" &&
      admits({ [field]: entries[field] } as AccessKeyScope, target, prefix).allowed,
  );
  if (whole) {
    out.resourceRules.push(ALL_RESOURCES);
    out.nonResourceRules.push(ALL_URLS);
    return;
  }
  const pending = roles.filter(
    (role) => admits({ roles: [role] }, target, prefix).answer === "depends",
  );
  if (pending.length) {
    out.incomplete = true;
    out.evaluationError = `what role ${pending.map((r) => r.role).join(", ")} lets through is decided by platform code that is not public`;
  }
  for (const rule of rules) {
    const { requestTargets, cluster, virtualClusters } = rule;
    const axes = { rules: [{ requestTargets, cluster, virtualClusters }] };
    if (!admits(axes, target, prefix).allowed) continue;
    translate(rule, namespace, out);
  }
}

export function rulesReview(
  facts: ExplainFacts,
  target: DirectTarget,
  namespace: string,
): RulesReview {
  const out: RulesReview = { resourceRules: [], nonResourceRules: [], incomplete: false };
  const probe = explainAccess(facts, { access: { target, verb: "get", nonResourceURL: "/" } });
  const owner = probe.steps.find((s) => s.id === "owner-rights");
  if (owner?.outcome === "fail") {
    out.evaluationError = owner.evidence[0];
  } else {
    if (owner?.outcome === "unknown") out.incomplete = true;
    const credential = facts.credential;
    const raw =
      credential.kind === "token"
        ? (credential.claims?.["loft.sh"] as { scope?: unknown } | undefined)?.scope
        : credential.scope;
    const read = readScope(raw);
    if (read.state === "absent") {
      out.resourceRules.push(ALL_RESOURCES);
      out.nonResourceRules.push(ALL_URLS);
    } else if (read.state === "valid" && read.notUnderstood.length === 0) {
      const prefix = facts.projectNamespacePrefix;
      scopeRules(read.scope, { target, namespace, prefix }, out);
    } else {
      const scopeStep = probe.steps.find((s) => s.id === "scope");
      out.evaluationError = scopeStep?.evidence[0] ?? "the scope cannot be read";
    }
  }
  out.resourceRules.unshift(...SELF_REVIEW_RULES);
  return out;
}
