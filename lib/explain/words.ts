import type { AccessRequest, AccessTarget } from "@/lib/scope/evaluate";
import type { CheckContext } from "./facts";

/**
 * The words explanations and the direct endpoint's refusals share (the endpoint's 403 message is
 * the explanation's first line of evidence).
 */

/** `virtual cluster dev of project default`, `space s of project p`, `cluster loft-cluster`. */
export function targetText(target: AccessTarget): string {
  switch (target.kind) {
    case "Cluster":
      return `cluster ${target.cluster}`;
    case "ProjectSpace":
      return `space ${target.space} of project ${target.project}`;
    case "ProjectVirtualCluster":
      return `virtual cluster ${target.virtualCluster} of project ${target.project}`;
    case "Management":
      return "the management API";
  }
}

/** `list on resource "namespaces" at the cluster scope`, `get on path "/version"`. */
export function requestText(request: AccessRequest): string {
  const verb = request.verb ?? "";
  if (request.nonResourceURL !== undefined) return `${verb} on path "${request.nonResourceURL}"`;
  const resource = request.subresource
    ? `${request.resource ?? ""}/${request.subresource}`
    : (request.resource ?? "");
  const group = request.apiGroup ? ` in API group "${request.apiGroup}"` : "";
  const where = request.namespace
    ? `in the namespace "${request.namespace}"`
    : "at the cluster scope";
  return `${verb} on resource "${resource}"${group} ${where}`;
}

/** `the token's scope` or `the scope of access key "ci"`. */
export function scopeText(ctx: CheckContext): string {
  const credential = ctx.facts.credential;
  if (credential.kind === "token") return "the token's scope";
  return credential.name
    ? `the scope of access key "${credential.name}"`
    : "the access key's scope";
}

/** Who owns the credential: `User "alice"`, `Team "ops"`, or `the owner` when not known. */
export function ownerText(ctx: CheckContext): string {
  const kind = typeof ctx.loft?.kind === "string" ? ctx.loft.kind : ctx.facts.owner?.kind;
  const name = typeof ctx.loft?.name === "string" ? ctx.loft.name : ctx.facts.owner?.name;
  return kind && name ? `${kind} "${name}"` : "the owner";
}

/** `default/dev` */
export const slash = (project: string, name: string) => `${project}/${name}`;

/** RFC 3339 of a time in ms since the epoch. */
export const timeText = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");
