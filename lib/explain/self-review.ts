import type { AccessRequest } from "@/lib/scope/evaluate";

/**
 * Self reviews: `kubectl auth whoami` (SelfSubjectReview) and `kubectl auth can-i`
 * (SelfSubjectAccessReview, SelfSubjectRulesReview). Kubernetes grants creating them to every
 * authenticated user (ClusterRole `system:basic-user`); direct endpoints do the same, whatever the
 * credential's scope.
 */
export const SELF_REVIEWS = [
  { group: "authentication.k8s.io", resource: "selfsubjectreviews", kind: "SelfSubjectReview" },
  {
    group: "authorization.k8s.io",
    resource: "selfsubjectaccessreviews",
    kind: "SelfSubjectAccessReview",
  },
  {
    group: "authorization.k8s.io",
    resource: "selfsubjectrulesreviews",
    kind: "SelfSubjectRulesReview",
  },
] as const;

export function isSelfReview(request: AccessRequest): boolean {
  return (
    request.verb === "create" &&
    !request.name &&
    !request.subresource &&
    !request.namespace &&
    SELF_REVIEWS.some((r) => r.group === request.apiGroup && r.resource === request.resource)
  );
}
