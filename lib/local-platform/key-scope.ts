import type { StatusCause } from "@/lib/scope/causes";
import { evaluateAccess } from "@/lib/scope/evaluate";
import { type AccessKeyScope } from "@/lib/scope/schema";
import { API_GROUP } from "@/lib/scope/constants";
import { scopeExcess } from "@/lib/scope/subset";
import type { Principal } from "./auth";
import { rfc3339 } from "./time";
import { forbidden } from "./status";

/**
 * What a scoped access key may do on the management API. Whether and how a real platform checks
 * this is not public (reference "Open questions" 4 and 5); this is our reading, decided by the same
 * `evaluateAccess` the inspector's access checker uses, so the two cannot disagree.
 */

export interface ManagementRequest {
  verb: string;
  resource: string;
  subresource?: string;
  name?: string;
  namespace?: string;
  /** The project the request concerns (`projects/<p>`, `namespaces/<prefix><p>/…`). */
  project?: string;
}

/** 403 unless the key's scope allows the request (`depends` is refused too). */
export function authorizeScopedRequest(principal: Principal, request: ManagementRequest) {
  const scope = principal.scope;
  if (scope === undefined) return;
  // The project namespace prefix matters only to ProjectVirtualCluster requests: not passed.
  const decision = evaluateAccess(scope, {
    target: { kind: "Management", ...(request.project ? { project: request.project } : {}) },
    verb: request.verb,
    apiGroup: API_GROUP,
    resource: request.resource,
    subresource: request.subresource,
    name: request.name,
    namespace: request.namespace,
  });
  if (decision.allowed) return;
  const resource = request.subresource
    ? `${request.resource}/${request.subresource}`
    : request.resource;
  const where = request.namespace
    ? `in the namespace "${request.namespace}"`
    : "at the cluster scope";
  const answer = decision.answer === "depends" ? "may not allow" : "does not allow";
  throw forbidden(
    request.resource,
    request.name,
    `the scope of access key "${principal.accessKey}" ${answer} ${request.verb} on resource "${resource}" in API group "${API_GROUP}" ${where}${
      decision.answer === "depends"
        ? " (refused: only what a scope surely allows is let through)"
        : ""
    }: ${decision.reasons.join(" ")}`,
  );
}

/**
 * Why an object a key asks for (a token, another key) would reach beyond that key: more scope or a
 * longer life. `expires` is when the new object would expire (ms; undefined = never, or possibly
 * never: a key with `ttlAfterLastActivity` lives as long as it is used), `ttlText` says where that
 * came from, `now` is the platform's clock. Empty for an unscoped key: its holder's own permissions
 * apply. The key's own end is `principal.expires` (for an
 * idle-expiring key: when it ends unless used again).
 */
export function escalationCauses(
  principal: Principal,
  requested: AccessKeyScope | undefined,
  expires: number | undefined,
  ttlText: string,
  now: number,
): StatusCause[] {
  if (principal.scope === undefined) return [];
  const causes: StatusCause[] = scopeExcess(requested, principal.scope).map((e) => ({
    field: e.field,
    reason: "FieldValueForbidden",
    message: `Forbidden: ${e.message}`,
  }));
  const own = principal.expires;
  if (own !== undefined && (expires === undefined || expires > own)) {
    const left = Math.max(0, Math.floor((own - now) / 1000));
    causes.push({
      field: "spec.ttl",
      reason: "FieldValueForbidden",
      message: `Forbidden: ${ttlText} would outlive this access key, which expires at ${rfc3339(own)}: at most ${left} seconds are left`,
    });
  }
  return causes;
}

/** The 403 for an escalation: the message names every problem, the causes name the fields. */
export function escalationForbidden(
  principal: Principal,
  resource: string,
  name: string | undefined,
  what: string,
  causes: StatusCause[],
) {
  const parts = causes.map((c) => `${c.field}: ${c.message}`);
  const summary = parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`;
  return forbidden(
    resource,
    name || undefined,
    `access key "${principal.accessKey}" may ${what} only within its own scope and lifetime: ${summary}`,
    causes,
  );
}
