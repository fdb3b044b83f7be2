import * as z from "zod/mini";
import type { AccessDecision, AccessRequest } from "@/lib/scope/evaluate";

/**
 * "Can it reach X?" with the owner's own rights: the question `POST /api/explain/can-i` takes (one
 * schema, for the checker that builds it and the route that parses it again), what the platform
 * answered about the signed-in user (owner-access.ts), and the rule that combines it with the
 * scope's decision. Browser-safe: no credential is part of the question.
 */

/** What the direct endpoint said about the owner's own rights for one request. */
export type OwnerAnswer =
  | { answer: "allowed" }
  | { answer: "refused"; reason: string }
  | { answer: "depends"; reason: string };

/** The scope's decision and the owner's answer together: what the credential can really do. */
export type CombinedAnswer =
  | { answer: "allowed" }
  | { answer: "refused"; by: "scope" | "owner"; reason: string }
  | { answer: "depends"; reason: string };

/** A Kubernetes object name (DNS-1123 subdomain): no `*`, no `/`, nothing a URL path could abuse. */
const ObjectName = z
  .string()
  .check(
    z.maxLength(253),
    z.regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes object name"),
  );
/** A request attribute: one word, no whitespace or `/` (resources, groups, names, namespaces). */
const Word = z
  .string()
  .check(z.minLength(1), z.maxLength(253), z.regex(/^[^\s/]+$/, "must be one word"));

const Target = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("Cluster"), cluster: ObjectName }),
  z.strictObject({ kind: z.literal("ProjectSpace"), project: ObjectName, space: ObjectName }),
  z.strictObject({
    kind: z.literal("ProjectVirtualCluster"),
    project: ObjectName,
    virtualCluster: ObjectName,
  }),
]);

/** The body of `POST /api/explain/can-i`: a direct target and one Kubernetes request, no token. */
export const CanIRequest = z
  .strictObject({
    target: Target,
    verb: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z*-]+$/)),
    group: z.optional(z.string().check(z.maxLength(253), z.regex(/^[^\s/]*$/))),
    resource: z.optional(Word),
    subresource: z.optional(Word),
    name: z.optional(Word),
    namespace: z.optional(Word),
    path: z.optional(
      z.string().check(z.maxLength(1024), z.regex(/^\/\S*$/, "must be a path starting with /")),
    ),
  })
  .check(
    z.refine((b) => !(b.path && b.resource), {
      message: "a request is either a resource or a non-resource path, not both",
      path: ["path"],
    }),
    z.refine((b) => b.resource !== undefined || (!b.subresource && !b.name), {
      message: "a subresource or name needs its resource",
      path: ["resource"],
    }),
  );
export type CanIRequest = z.infer<typeof CanIRequest>;

/** The question to send for `request`, or why the platform cannot be asked it. */
export function canIQuestion(
  request: AccessRequest,
): { ok: true; body: CanIRequest } | { ok: false; reason: string } {
  const { target } = request;
  if (target.kind === "Management")
    return {
      ok: false,
      reason:
        "your rights on the management API are not asked here: only a cluster, space or virtual cluster has a direct endpoint to ask",
    };
  if (!request.verb)
    return {
      ok: false,
      reason: "the request names no verb, and the platform answers only a whole request",
    };
  const body: CanIRequest = { target, verb: request.verb };
  if (request.apiGroup) body.group = request.apiGroup;
  if (request.resource) body.resource = request.resource;
  if (request.subresource) body.subresource = request.subresource;
  if (request.name) body.name = request.name;
  if (request.namespace) body.namespace = request.namespace;
  if (request.nonResourceURL) body.path = request.nonResourceURL;
  return { ok: true, body };
}

/** The parsed question as the request the scope evaluator and the self review read. */
export function requestOfQuestion(body: CanIRequest): AccessRequest {
  const request: AccessRequest = { target: body.target, verb: body.verb };
  if (body.group) request.apiGroup = body.group;
  if (body.resource) request.resource = body.resource;
  if (body.subresource) request.subresource = body.subresource;
  if (body.name) request.name = body.name;
  if (body.namespace) request.namespace = body.namespace;
  if (body.path) request.nonResourceURL = body.path;
  return request;
}

/**
 * Scope ∩ own rights: allowed when both allow; refused when either refuses (the scope first: it
 * needs no platform); otherwise it depends, with what it depends on.
 */
export function combineAccess(scope: AccessDecision, owner: OwnerAnswer): CombinedAnswer {
  if (scope.answer === "denied")
    return { answer: "refused", by: "scope", reason: "the token's scope does not allow it" };
  if (owner.answer === "refused") return { answer: "refused", by: "owner", reason: owner.reason };
  if (scope.answer === "allowed" && owner.answer === "allowed") return { answer: "allowed" };
  const reasons: string[] = [];
  if (scope.answer === "depends")
    reasons.push(
      `the token's scope leaves it to ${(scope.dependsOn ?? []).join(", ") || "a role"}, which only the platform decides`,
    );
  if (owner.answer === "depends") reasons.push(owner.reason);
  return { answer: "depends", reason: reasons.join("; and ") };
}
