import type { AccessDecision, AccessRequest } from "@/lib/scope/evaluate";
import type { RequestTarget } from "@/lib/scope/constants";

/** The access checker's fields, all free text. */
export type CheckerValues = {
  kind: RequestTarget;
  cluster: string;
  project: string;
  space: string;
  virtualCluster: string;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  name: string;
  namespace: string;
  nonResourceURL: string;
};

export const EMPTY_CHECKER: CheckerValues = {
  kind: "ProjectVirtualCluster",
  cluster: "",
  project: "",
  space: "",
  virtualCluster: "",
  verb: "",
  apiGroup: "",
  resource: "",
  subresource: "",
  name: "",
  namespace: "",
  nonResourceURL: "",
};

export type CheckerErrors = Partial<Record<keyof CheckerValues, string>>;

export type CheckerParse =
  { ok: true; request: AccessRequest } | { ok: false; errors: CheckerErrors };

const opt = (value: string) => {
  const v = value.trim();
  return v ? v : undefined;
};

/** Builds an AccessRequest, or says which field is missing or contradictory. */
export function toAccessRequest(values: CheckerValues): CheckerParse {
  const errors: CheckerErrors = {};
  const need = (key: "cluster" | "project" | "space" | "virtualCluster", what: string) => {
    if (!values[key].trim()) errors[key] = `Enter the ${what}.`;
    return values[key].trim();
  };
  let target: AccessRequest["target"];
  switch (values.kind) {
    case "Management":
      target = { kind: "Management" };
      break;
    case "Cluster":
      target = { kind: "Cluster", cluster: need("cluster", "cluster name") };
      break;
    case "ProjectSpace":
      target = {
        kind: "ProjectSpace",
        project: need("project", "project"),
        space: need("space", "space"),
      };
      break;
    case "ProjectVirtualCluster":
      target = {
        kind: "ProjectVirtualCluster",
        project: need("project", "project"),
        virtualCluster: need("virtualCluster", "virtual cluster"),
      };
      break;
  }
  if (opt(values.resource) && opt(values.nonResourceURL)) {
    errors.nonResourceURL =
      "A request is either a resource or a non-resource URL: clear one of them.";
  }
  if (!opt(values.resource) && (opt(values.subresource) || opt(values.name))) {
    errors.resource = "Enter the resource that the subresource or name belongs to.";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const request: AccessRequest = { target };
  for (const key of [
    "verb",
    "apiGroup",
    "resource",
    "subresource",
    "name",
    "namespace",
    "nonResourceURL",
  ] as const) {
    const value = opt(values[key]);
    if (value !== undefined) request[key] = value;
  }
  return { ok: true, request };
}

/** "get pods/log named x in namespace y of virtual cluster v (project p)" for the result heading. */
export function describeRequest(request: AccessRequest): string {
  const t = request.target;
  const target =
    t.kind === "Management"
      ? "the management API"
      : t.kind === "Cluster"
        ? `cluster ${t.cluster}`
        : t.kind === "ProjectSpace"
          ? `space ${t.space} of project ${t.project}`
          : `virtual cluster ${t.virtualCluster} of project ${t.project}`;
  const what = request.nonResourceURL
    ? `${request.verb ?? "a request for"} ${request.nonResourceURL}`
    : request.resource
      ? `${request.verb ?? "any verb on"} ${request.subresource ? `${request.resource}/${request.subresource}` : request.resource}${
          request.apiGroup ? ` (${request.apiGroup})` : ""
        }${request.name ? ` named ${request.name}` : ""}${request.namespace ? ` in namespace ${request.namespace}` : ""}`
      : request.verb
        ? `a ${request.verb} request`
        : "a request";
  return `${what} on ${target}`;
}

/** The role names a `depends` answer hinges on: `roles[1] (vcluster)` → `vcluster`. */
function dependsRoles(dependsOn: string[] | undefined): string[] {
  return [...new Set((dependsOn ?? []).map((label) => /\((.+)\)$/.exec(label)?.[1] ?? label))];
}

/** The result's heading and lead sentence: Allowed, Denied, or Depends on the platform (a role). */
export function answerText(
  decision: AccessDecision,
  request: string,
): { heading: string; lead: string; why: string } {
  switch (decision.answer) {
    case "allowed":
      return { heading: "Allowed", lead: `The token may send ${request}.`, why: "Why:" };
    case "denied":
      return {
        heading: "Denied",
        lead: `The token may not send ${request}.`,
        why: "Why not, entry by entry:",
      };
    case "depends": {
      const roles = dependsRoles(decision.dependsOn);
      return {
        heading: `Depends on the platform: ${roles.length === 1 ? "role" : "roles"} ${roles.join(", ")}`,
        lead: `No entry this console understands allows ${request}; ${
          roles.length === 1 ? "the role" : "one of the roles"
        } ${roles.join(", ")} might, but what ${roles.length === 1 ? "it lets" : "they let"} through is decided by platform code that is not public. Entries it hinges on: ${(decision.dependsOn ?? []).join(", ")}.`,
        why: "Entry by entry:",
      };
    }
  }
}
