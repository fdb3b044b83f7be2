import type { AccessRequest } from "@/lib/scope/evaluate";
import type { AccessKeyScope, AccessKeyScopeRule } from "@/lib/scope/schema";
import { LOFT_CLI_ROLE } from "@/lib/scope/constants";

/**
 * The scope entries that could admit one request, narrowest first, and a scope taken apart into
 * its entries. What "narrowest" can mean follows from evaluate.ts: a space, virtual cluster or
 * cluster entry admits every request to that target, whatever its verb or resource, so a named
 * target entry is the narrowest way to admit a request to it. Rules could narrow further (to
 * verbs, resources, namespaces), but they are deprecated and are proposed only when nothing
 * else can express a request — so they are never used for narrowing, only for
 * management requests that no other entry admits (writes outside any project).
 */

export const READ_VERBS = ["get", "list", "watch"];
const isRead = (request: AccessRequest) => READ_VERBS.includes(request.verb ?? "");

/** A deprecated rule that admits exactly this management request's verb and resource (or URL). */
export function managementRule(request: AccessRequest): AccessKeyScopeRule {
  const rule: AccessKeyScopeRule = { requestTargets: ["Management"] };
  if (request.verb) rule.verbs = [request.verb];
  if (request.nonResourceURL) return { ...rule, nonResourceURLs: [request.nonResourceURL] };
  if (!request.resource) return rule; // the objects of a -f file: their kinds are unknown
  const resource = request.subresource
    ? `${request.resource}/${request.subresource}`
    : request.resource;
  return {
    ...rule,
    resources: [
      {
        group: request.apiGroup ?? "",
        resources: [resource],
        ...(request.name ? { resourceNames: [request.name] } : {}),
      },
    ],
    namespaces: [request.namespace ?? ""],
  };
}

/** Entries that admit `request`, narrowest first (each a scope of one entry). */
export function candidates(request: AccessRequest): AccessKeyScope[] {
  const { target } = request;
  switch (target.kind) {
    case "ProjectVirtualCluster":
      return [
        { virtualClusters: [{ project: target.project, virtualCluster: target.virtualCluster }] },
      ];
    case "ProjectSpace":
      return [{ spaces: [{ project: target.project, space: target.space }] }];
    case "Cluster":
      return [{ clusters: [{ cluster: target.cluster }] }];
    case "Management": {
      const project = target.project;
      const out: AccessKeyScope[] = [];
      if (isRead(request)) {
        out.push({
          roles: [project ? { role: LOFT_CLI_ROLE, projects: [project] } : { role: LOFT_CLI_ROLE }],
        });
      }
      // A project entry also opens the project's spaces and virtual clusters: after the role.
      if (project) out.push({ projects: [{ project }] });
      out.push({ rules: [managementRule(request)] });
      return out;
    }
  }
}

export type ScopeEntry = { field: string; scope: AccessKeyScope };

/** Every entry of `scope` as a scope of its own, target entries first, then roles and rules. */
export function entriesOf(scope: AccessKeyScope): ScopeEntry[] {
  const out: ScopeEntry[] = [];
  scope.virtualClusters?.forEach((e, i) =>
    out.push({ field: `virtualClusters[${i}]`, scope: { virtualClusters: [e] } }),
  );
  scope.spaces?.forEach((e, i) => out.push({ field: `spaces[${i}]`, scope: { spaces: [e] } }));
  scope.clusters?.forEach((e, i) =>
    out.push({ field: `clusters[${i}]`, scope: { clusters: [e] } }),
  );
  scope.projects?.forEach((e, i) =>
    out.push({ field: `projects[${i}]`, scope: { projects: [e] } }),
  );
  scope.roles?.forEach((e, i) => out.push({ field: `roles[${i}]`, scope: { roles: [e] } }));
  if (scope.allowLoftCli) out.push({ field: "allowLoftCli", scope: { allowLoftCli: true } });
  scope.rules?.forEach((e, i) => out.push({ field: `rules[${i}]`, scope: { rules: [e] } }));
  return out;
}
