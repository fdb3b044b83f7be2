import type { AccessRequest, AccessTarget } from "@/lib/scope/evaluate";

/**
 * Direct cluster endpoint URLs as the official CLI builds them (reference §7), mapped to the
 * `AccessRequest` the scope evaluator decides: `/kubernetes/project/<p>/virtualcluster/<vc>/…`,
 * `/kubernetes/project/<p>/space/<s>/…` and `/kubernetes/cluster/…` (no cluster name: the endpoint
 * is the cluster's own). Browser-safe: the local platform's direct endpoint and `explainAccess`
 * use this one mapping, so an explanation reads a URL exactly as the endpoint does.
 */

/** A target on a direct endpoint (never Management). */
export type DirectTarget = Exclude<AccessTarget, { kind: "Management" }>;

export interface DirectPath {
  target: DirectTarget;
  /** The path the target's API server sees, e.g. `/api/v1/namespaces` (`/` for the root). */
  rest: string;
  /** The URL path prefix of this target, e.g. `/kubernetes/project/p/space/s`. */
  base: string;
}

/** The cluster a real platform installs itself in; the local platform's direct endpoint is it. */
export const ENDPOINT_CLUSTER = "loft-cluster";

/** True for paths under a direct endpoint (`/kubernetes/project/…`, `/kubernetes/cluster…`). */
export function isDirectPath(path: string): boolean {
  return (
    path.startsWith("/kubernetes/project/") ||
    path === "/kubernetes/cluster" ||
    path.startsWith("/kubernetes/cluster/")
  );
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

/** Splits a direct-endpoint path into its target and the rest; undefined when it names none. */
export function parseDirectPath(path: string, cluster = ENDPOINT_CLUSTER): DirectPath | undefined {
  const segments = path.split("/");
  // ["", "kubernetes", kind, …]
  if (segments[0] !== "" || segments[1] !== "kubernetes") return undefined;
  if (segments[2] === "cluster") {
    return {
      target: { kind: "Cluster", cluster },
      rest: `/${segments.slice(3).join("/")}`,
      base: "/kubernetes/cluster",
    };
  }
  if (segments[2] !== "project" || segments.length < 6) return undefined;
  const project = decode(segments[3]!);
  const kind = segments[4];
  const name = decode(segments[5]!);
  if (!project || !name || (kind !== "space" && kind !== "virtualcluster")) return undefined;
  const target: DirectTarget =
    kind === "space"
      ? { kind: "ProjectSpace", project, space: name }
      : { kind: "ProjectVirtualCluster", project, virtualCluster: name };
  return { target, rest: `/${segments.slice(6).join("/")}`, base: segments.slice(0, 6).join("/") };
}

/** A Kubernetes request's attributes (apiserver `RequestInfo`), relative to the target. */
export interface RequestInfo {
  isResourceRequest: boolean;
  /** Resource requests: the Kubernetes verb; non-resource requests: the lower-case method. */
  verb: string;
  /** Non-resource requests: the path. */
  path: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** The path after the resource's name and subresource (not interpreted). */
  extra: string[];
}

const TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);
const METHOD_VERBS: Record<string, string> = {
  POST: "create",
  GET: "get",
  HEAD: "get",
  PUT: "update",
  PATCH: "patch",
  DELETE: "delete",
};

/** `namespaces/<ns>/…` (itself in namespace `<ns>`), then resource, name and subresource. */
function readResourcePath(info: RequestInfo, current: string[]) {
  if (current[0] === "namespaces" && current.length > 1) {
    info.namespace = current[1]!;
    if (current.length > 2 && !NAMESPACE_SUBRESOURCES.has(current[2]!)) current = current.slice(2);
  }
  if (current.length >= 3) info.subresource = current[2]!;
  if (current.length >= 2) info.name = current[1]!;
  if (current.length >= 1) info.resource = current[0]!;
  info.extra = current.slice(3);
}

/**
 * The attributes of a request, as k8s.io/apiserver `RequestInfoFactory.NewRequestInfo` derives
 * them: `/api/v1/…` (core group) and `/apis/<group>/<version>/…` are resource requests; anything
 * else (`/version`, `/api`, `/apis`, `/apis/<group>`, `/healthz`, `/openapi/…`) is a non-resource
 * URL. GET on a collection is `list` (`watch` with `?watch=true` or under `/watch/`), on a named
 * object `get`; POST `create`, PUT `update`, PATCH `patch`, DELETE `delete` (`deletecollection`
 * on a collection). `fieldSelector=metadata.name=<n>` on a list names the object, as Kubernetes does.
 */
export function requestInfoOf(method: string, rest: string, query: URLSearchParams): RequestInfo {
  const upper = method.toUpperCase();
  const parts = rest
    .split("/")
    .filter((p) => p !== "")
    .map((p) => decode(p) ?? p);
  const info: RequestInfo = {
    isResourceRequest: false,
    verb: upper.toLowerCase(),
    path: rest,
    apiGroup: "",
    apiVersion: "",
    namespace: "",
    resource: "",
    subresource: "",
    name: "",
    extra: [],
  };
  // `/api/v1` and `/apis/<group>/<version>` alone are discovery: non-resource, as in Kubernetes.
  if (parts.length < 3) return info;
  let current = parts;
  if (current[0] === "api") current = current.slice(1);
  else if (current[0] === "apis") {
    if (current.length < 4) return info;
    info.apiGroup = current[1]!;
    current = current.slice(2);
  } else return info;
  info.isResourceRequest = true;
  info.apiVersion = current[0]!;
  current = current.slice(1);

  let verb = METHOD_VERBS[upper] ?? "";
  if (current[0] === "watch") {
    verb = "watch";
    current = current.slice(1);
  }
  readResourcePath(info, current);
  if (!info.name && verb === "get") {
    verb = TRUE.has(query.get("watch") ?? "") ? "watch" : "list";
    const selector = /(?:^|,)metadata\.name==?([^,]*)(?:,|$)/.exec(
      query.get("fieldSelector") ?? "",
    );
    if (selector?.[1]) info.name = selector[1];
  }
  if (!info.name && verb === "delete") verb = "deletecollection";
  info.verb = verb;
  return info;
}

/**
 * The AccessRequest a direct-endpoint request is authorized as: its target from the path (the
 * `/kubernetes/cluster` target is `cluster`, the endpoint's own), the rest from `requestInfoOf`.
 * Undefined when the path names no direct-endpoint target.
 */
export function directAccessRequest(
  method: string,
  path: string,
  query: URLSearchParams = new URLSearchParams(),
  cluster = ENDPOINT_CLUSTER,
): { request: AccessRequest; info: RequestInfo; direct: DirectPath } | undefined {
  const direct = parseDirectPath(path, cluster);
  if (!direct) return undefined;
  const info = requestInfoOf(method, direct.rest, query);
  const request: AccessRequest = { target: direct.target };
  if (info.verb) request.verb = info.verb;
  if (info.isResourceRequest) {
    if (info.apiGroup) request.apiGroup = info.apiGroup;
    if (info.resource) request.resource = info.resource;
    if (info.subresource) request.subresource = info.subresource;
    if (info.name) request.name = info.name;
    if (info.namespace) request.namespace = info.namespace;
  } else {
    request.nonResourceURL = info.path;
  }
  return { request, info, direct };
}
