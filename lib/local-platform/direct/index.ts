import type { IncomingMessage, ServerResponse } from "node:http";
import { evaluateAccess, type AccessRequest } from "@/lib/scope/evaluate";
import { subjectText } from "../auth";
import { DEFAULT_CLUSTER } from "../resources/clusters";
import { mayUseProject } from "../resources/instances";
import { projectNamespace } from "../resources/projects";
import type { Platform } from "../resources/types";
import { ApiError } from "../status";
import { directAccessRequest, type DirectTarget, type RequestInfo } from "./request";
import { serveSimulated } from "./simulated";
import { forbidden, pathNotFound } from "./status";
import { scopeText, type TokenPrincipal } from "./token";

export { isDirectPath, directAccessRequest } from "./request";
export { authenticateToken, isTokenBearer, principalOfKey, type TokenPrincipal } from "./token";

function targetText(target: DirectTarget): string {
  switch (target.kind) {
    case "Cluster":
      return `cluster ${target.cluster}`;
    case "ProjectSpace":
      return `space ${target.space} of project ${target.project}`;
    case "ProjectVirtualCluster":
      return `virtual cluster ${target.virtualCluster} of project ${target.project}`;
  }
}

/** What a refusal names: `namespaces "x"` (details.kind the resource) or a path. */
function refused(info: RequestInfo, request: AccessRequest, why: string) {
  if (!info.isResourceRequest) {
    return forbidden(`${why} (${request.verb ?? "a request"} on path "${info.path}")`);
  }
  return forbidden(why, {
    resource: info.resource || "unknown",
    group: info.apiGroup,
    name: info.name || undefined,
  });
}

/** `list on resource "namespaces"` / `get on resource "deployments/scale" in API group "apps"`, `in the namespace "x"`. */
function requestText(info: RequestInfo, request: AccessRequest): string {
  if (!info.isResourceRequest) return `${request.verb ?? ""} on path "${info.path}"`;
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  const group = info.apiGroup ? ` in API group "${info.apiGroup}"` : "";
  const where = info.namespace ? `in the namespace "${info.namespace}"` : "at the cluster scope";
  return `${request.verb ?? ""} on resource "${resource}"${group} ${where}`;
}

/**
 * The credential's scope (a token's `loft.sh.scope` or an access key's `spec.scope`, decided by
 * `evaluateAccess`, the inspector's own evaluator), then the holder's own rights:
 * admins may reach everything; other users and teams only the spaces and virtual clusters of
 * projects they may use (members, not viewers, by owner id), and no cluster. Only `allowed` passes: `depends` (a role whose
 * rules are not public) is refused.
 */
function authorize(
  platform: Platform,
  principal: TokenPrincipal,
  info: RequestInfo,
  request: AccessRequest,
) {
  if (principal.scopeProblem) {
    throw refused(info, request, principal.scopeProblem);
  }
  const decision = evaluateAccess(principal.scope, request, {
    projectNamespacePrefix: platform.projectNamespacePrefix,
  });
  if (!decision.allowed) {
    const answer = decision.answer === "depends" ? "may not allow" : "does not allow";
    const refusedDepends =
      decision.answer === "depends"
        ? " (refused: only what a scope surely allows is let through)"
        : "";
    const asked = requestText(info, request);
    const why = `${scopeText(principal)} ${answer} ${asked} of ${targetText(request.target as DirectTarget)}${refusedDepends}: ${decision.reasons.join(" ")}`;
    throw info.isResourceRequest ? refused(info, request, why) : forbidden(why);
  }
  if (principal.admin) return;
  const target = request.target as DirectTarget;
  if (target.kind === "Cluster") {
    throw refused(
      info,
      request,
      `${subjectText(principal)} cannot use ${targetText(target)}: only platform admins may reach a cluster directly`,
    );
  }
  if (!mayUseProject(platform.store, principal.owner, target.project)) {
    throw refused(
      info,
      request,
      `${subjectText(principal)} cannot use ${targetText(target)}: only members of project ${target.project} who may use its instances can`,
    );
  }
}

/**
 * True for client-go's discovery requests (`Accept: …;as=APIGroupDiscoveryList,…`): it reads their
 * answers raw, so only a `text/plain` error body reaches the person running kubectl.
 */
const wantsAggregatedDiscovery = (req: IncomingMessage) =>
  /\bas=APIGroupDiscoveryList\b/.test(String(req.headers.accept ?? ""));

/** The target's creation time, or a 404 when it does not exist or runs in another cluster. */
function resolveTarget(platform: Platform, target: DirectTarget): string {
  const store = platform.store;
  if (target.kind === "Cluster") {
    const cluster = store.get("clusters", "", target.cluster);
    if (!cluster) throw pathNotFound(`cluster "${target.cluster}" not found`);
    return cluster.metadata.creationTimestamp;
  }
  const [plural, name, what] =
    target.kind === "ProjectSpace"
      ? (["spaceinstances", target.space, "space"] as const)
      : (["virtualclusterinstances", target.virtualCluster, "virtual cluster"] as const);
  const instance = store.get(
    plural,
    projectNamespace(platform.projectNamespacePrefix, target.project),
    name,
  );
  const cluster =
    (instance?.spec.clusterRef as { cluster?: string } | undefined)?.cluster ?? DEFAULT_CLUSTER;
  if (!instance || cluster !== DEFAULT_CLUSTER) {
    throw pathNotFound(
      instance
        ? `${what} "${name}" of project "${target.project}" runs in cluster "${cluster}", not behind this endpoint (${DEFAULT_CLUSTER})`
        : `${what} "${name}" of project "${target.project}" not found`,
    );
  }
  return instance.metadata.creationTimestamp;
}

/**
 * A request to a direct cluster endpoint (`/kubernetes/project/…`, `/kubernetes/cluster…`):
 * authenticated with a Direct Cluster Endpoint Token or an access key (`authenticate`, chosen and
 * throttled by the caller), authorized by the credential's scope and its holder's rights, then answered by the target's simulated
 * cluster. A target that does not exist (or runs elsewhere) is 404, after authorization.
 */
export function serveDirect(
  platform: Platform,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  authenticate: () => TokenPrincipal,
) {
  const method = (req.method ?? "GET").toUpperCase();
  const mapped = directAccessRequest(method, url.pathname, url.searchParams);
  if (!mapped) throw pathNotFound();
  const principal = authenticate();
  const { request, info, direct } = mapped;
  try {
    authorize(platform, principal, info, request);
  } catch (error) {
    if (error instanceof ApiError && wantsAggregatedDiscovery(req)) {
      // client-go reads discovery answers raw: a JSON Status there is shown as "unknown", so the
      // refusal goes as text, which kubectl prints as it is.
      const text = error.status.message;
      res.writeHead(error.status.code, {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "content-length": Buffer.byteLength(text),
      });
      res.end(text);
      return;
    }
    throw error;
  }
  const created = resolveTarget(platform, direct.target);
  serveSimulated({ res, method, info, direct, created });
}
