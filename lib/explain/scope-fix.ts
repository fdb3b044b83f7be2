import { evaluateAccess, type AccessRequest, type AccessTarget } from "@/lib/scope/evaluate";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { readScope } from "@/lib/scope/read";
import type { CheckContext, ExplainFacts, Fix, ScopeAddition } from "./facts";

/**
 * The smallest addition to a scope that admits a request: one entry naming exactly its target
 * (`virtualClusters += default/x`). The builder can open pre-filled with it.
 */

export function scopeAddition(target: AccessTarget): ScopeAddition | undefined {
  switch (target.kind) {
    case "Cluster":
      return { clusters: [{ cluster: target.cluster }] };
    case "ProjectSpace":
      return { spaces: [{ project: target.project, space: target.space }] };
    case "ProjectVirtualCluster":
      return {
        virtualClusters: [{ project: target.project, virtualCluster: target.virtualCluster }],
      };
    case "Management":
      return undefined;
  }
}

/** `scope` with `add`'s entries appended. */
export function withAddition(scope: AccessKeyScope, add: ScopeAddition): AccessKeyScope {
  const out: AccessKeyScope = { ...scope };
  if (add.clusters) out.clusters = [...(scope.clusters ?? []), ...add.clusters];
  if (add.spaces) out.spaces = [...(scope.spaces ?? []), ...add.spaces];
  if (add.virtualClusters) {
    out.virtualClusters = [...(scope.virtualClusters ?? []), ...add.virtualClusters];
  }
  return out;
}

/** `virtualClusters += default/x` */
export function additionText(add: ScopeAddition): string {
  const parts = [
    ...(add.clusters ?? []).map((c) => `clusters += ${c.cluster}`),
    ...(add.spaces ?? []).map((s) => `spaces += ${s.project}/${s.space}`),
    ...(add.virtualClusters ?? []).map(
      (v) => `virtualClusters += ${v.project}/${v.virtualCluster}`,
    ),
  ];
  return parts.join(", ");
}

/** The fix of a scope that does not (or not surely) admit `request`; undefined when none would. */
export function scopeFix(ctx: CheckContext, request: AccessRequest): Fix | undefined {
  const add = scopeAddition(request.target);
  if (!add) return undefined;
  const base = ctx.scope.state === "valid" ? ctx.scope.scope : {};
  const options = { projectNamespacePrefix: ctx.facts.projectNamespacePrefix };
  if (!evaluateAccess(withAddition(base, add), request, options).allowed) return undefined;
  const how =
    ctx.facts.credential.kind === "token"
      ? "Issue again with"
      : "Create a new access key (a key's scope cannot change) with";
  return { action: "add-to-scope", text: `${how} ${additionText(add)}.`, add };
}

/** `facts` with the credential's scope widened by `add` (a scope that cannot be read starts empty). */
export function withScopeAddition(facts: ExplainFacts, add: ScopeAddition): ExplainFacts {
  const credential = facts.credential;
  const loft = credential.kind === "token" ? credential.claims?.["loft.sh"] : undefined;
  const raw =
    credential.kind === "token"
      ? (loft as { scope?: unknown } | undefined)?.scope
      : credential.scope;
  const read = readScope(raw);
  const scope = withAddition(
    read.state === "valid" && !read.notUnderstood.length ? read.scope : {},
    add,
  );
  if (credential.kind === "accessKey") return { ...facts, credential: { ...credential, scope } };
  const claims = { ...credential.claims, "loft.sh": { ...(loft as object), scope } };
  return { ...facts, credential: { ...credential, claims } };
}
