import type { AccessRequest, AccessTarget } from "@/lib/scope/evaluate";
import { DEFAULT_PROJECT_NAMESPACE_PREFIX } from "@/lib/scope/constants";
import type { RequestInfo } from "./direct-request";

/**
 * The target of a request path, for recorded activity (audit events, kubectl's server URLs), and
 * the AccessRequest of a request to it; the request's attributes are direct-request.ts
 * `requestInfoOf`'s, the direct endpoint's own. Browser-safe. Shapes:
 * - `/kubernetes/project/<p>/virtualcluster/<vc>/…` and `/kubernetes/project/<p>/space/<s>/…`;
 * - `/kubernetes/cluster/…` on a cluster's direct endpoint, which names no cluster (the endpoint
 *   is the cluster), and `/kubernetes/cluster/<name>/…` on the platform host (reference §7): a first
 *   segment that is not a Kubernetes root path (`api`, `apis`, `version`, …) is the cluster's name;
 * - `/kubernetes/management/…`: the management API (project from `projects/<p>` or `<prefix><p>`).
 * tests/unit/propose-scope.test.ts checks it agrees with direct-request.ts `directAccessRequest`.
 */

/** A split path: `target` undefined = a cluster the path does not name. */
export type SplitPath = { target: AccessTarget | undefined; rest: string; base: string };

/** First path segments of a Kubernetes API server's own paths (never a cluster's name). */
const KUBERNETES_ROOTS = new Set([
  "api",
  "apis",
  "version",
  "healthz",
  "livez",
  "readyz",
  "openapi",
  "metrics",
  "logs",
  ".well-known",
  "swagger.json",
  "swaggerapi",
]);

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

const restOf = (segments: string[], from: number) => `/${segments.slice(from).join("/")}`;

/** The target a path is for, or undefined when it is under none of the shapes above. */
export function splitPath(path: string): SplitPath | undefined {
  const segments = path.split("/");
  if (segments[0] !== "" || segments[1] !== "kubernetes") return undefined;
  if (segments[2] === "management") {
    return {
      target: { kind: "Management" },
      rest: restOf(segments, 3),
      base: "/kubernetes/management",
    };
  }
  if (segments[2] === "cluster") {
    const first = segments[3];
    if (first === undefined || first === "" || KUBERNETES_ROOTS.has(first)) {
      return { target: undefined, rest: restOf(segments, 3), base: "/kubernetes/cluster" };
    }
    const cluster = decode(first);
    if (!cluster) return undefined;
    return {
      target: { kind: "Cluster", cluster },
      rest: restOf(segments, 4),
      base: segments.slice(0, 4).join("/"),
    };
  }
  if (segments[2] !== "project" || segments.length < 6) return undefined;
  const project = decode(segments[3]!);
  const kind = segments[4];
  const name = decode(segments[5]!);
  if (!project || !name || (kind !== "space" && kind !== "virtualcluster")) return undefined;
  const target: AccessTarget =
    kind === "space"
      ? { kind: "ProjectSpace", project, space: name }
      : { kind: "ProjectVirtualCluster", project, virtualCluster: name };
  return { target, rest: restOf(segments, 6), base: segments.slice(0, 6).join("/") };
}

/** The project a management request concerns: `projects/<p>…` or a namespace `<prefix><p>`. */
export function managementProject(info: RequestInfo, prefix: string): string | undefined {
  if (info.resource === "projects" && info.name) return info.name;
  const ns = info.namespace;
  return ns.startsWith(prefix) && ns.length > prefix.length ? ns.slice(prefix.length) : undefined;
}

/** The AccessRequest of `info` to `target` (a management target gets its project from `info`). */
export function accessRequestOf(
  target: AccessTarget,
  info: RequestInfo,
  prefix = DEFAULT_PROJECT_NAMESPACE_PREFIX,
): AccessRequest {
  let full = target;
  if (target.kind === "Management") {
    const project = managementProject(info, prefix);
    full = project ? { kind: "Management", project } : { kind: "Management" };
  }
  const request: AccessRequest = { target: full };
  // `POST selves` creates nothing: the platform authorizes it as a read.
  const verb = full.kind === "Management" && info.resource === "selves" ? "get" : info.verb;
  if (verb) request.verb = verb;
  if (!info.isResourceRequest) {
    request.nonResourceURL = info.path;
    return request;
  }
  if (info.apiGroup) request.apiGroup = info.apiGroup;
  if (info.resource) request.resource = info.resource;
  if (info.subresource) request.subresource = info.subresource;
  if (info.name) request.name = info.name;
  if (info.namespace) request.namespace = info.namespace;
  return request;
}
