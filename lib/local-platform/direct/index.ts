import type { IncomingMessage, ServerResponse } from "node:http";
import { explainAccess, stageOf, type Explanation } from "@/lib/explain/checks";
import type { OwnerRights, TargetFacts } from "@/lib/explain/facts";
import { isSelfReview } from "@/lib/explain/self-review";
import { requestText } from "@/lib/explain/words";
import { DEFAULT_CLUSTER } from "../resources/clusters";
import { mayUseProject } from "../resources/instances";
import { projectNamespace } from "../resources/projects";
import type { Platform } from "../resources/types";
import { ApiError, unauthorized } from "../status";
import { beginAudit, type AuditRecord } from "./audit-record";
import { authenticateDirect, type DirectPrincipal } from "./authenticate";
import { directAccessRequest, type DirectTarget } from "./request";
import { serveReview } from "./reviews";
import { serveSimulated } from "./simulated";
import { forbidden, pathNotFound } from "./core-status";

export { isDirectPath, directAccessRequest } from "./request";
export { isTokenBearer } from "./token";
export type { DirectPrincipal } from "./authenticate";

type Mapped = NonNullable<ReturnType<typeof directAccessRequest>>;

/** Whether the target exists behind this endpoint (and since when), or why not. */
function targetFacts(platform: Platform, target: DirectTarget): TargetFacts & { created?: string } {
  const store = platform.store;
  if (target.kind === "Cluster") {
    const cluster = store.get("clusters", "", target.cluster);
    if (!cluster) return { directEndpoint: false, why: `cluster "${target.cluster}" not found` };
    return { directEndpoint: true, created: cluster.metadata.creationTimestamp };
  }
  const [plural, name, what] =
    target.kind === "ProjectSpace"
      ? (["spaceinstances", target.space, "space"] as const)
      : (["virtualclusterinstances", target.virtualCluster, "virtual cluster"] as const);
  const namespace = projectNamespace(platform.projectNamespacePrefix, target.project);
  const instance = store.get(plural, namespace, name);
  if (!instance) {
    return {
      directEndpoint: false,
      why: `${what} "${name}" of project "${target.project}" not found`,
    };
  }
  const cluster =
    (instance.spec.clusterRef as { cluster?: string } | undefined)?.cluster ?? DEFAULT_CLUSTER;
  if (cluster !== DEFAULT_CLUSTER) {
    return {
      directEndpoint: false,
      why: `${what} "${name}" of project "${target.project}" runs in cluster "${cluster}", not behind this endpoint (${DEFAULT_CLUSTER})`,
    };
  }
  return { directEndpoint: true, created: instance.metadata.creationTimestamp };
}

/** The owner's rights that matter for `target`: admin, or whether they may use its project. */
function rightsFor(
  platform: Platform,
  principal: DirectPrincipal,
  target: DirectTarget,
): OwnerRights {
  if (principal.admin || target.kind === "Cluster") return { admin: principal.admin, projects: [] };
  const may = mayUseProject(platform.store, principal.owner, target.project);
  return { admin: false, projects: may ? [target.project] : [] };
}

/** The HTTP answer of a refusal: 401 (authentication), 404 (no such path or target) or 403. */
function refusalError(explained: Explanation, mapped: Mapped | undefined): ApiError {
  const check = explained.check ?? "scope";
  const why = explained.evidence[0] ?? "the request is refused";
  if (check === "not-a-direct-path" || !mapped) return new ApiError(pathNotFound().status, check);
  if (check === "no-direct-endpoint") return new ApiError(pathNotFound(why).status, check);
  if (stageOf(check) === "authentication") return unauthorized(check);
  const { info, request } = mapped;
  if (!info.isResourceRequest) {
    const asked = requestText(request);
    return new ApiError(forbidden(why.includes(asked) ? why : `${why} (${asked})`).status, check);
  }
  const resource = {
    resource: info.resource || "unknown",
    group: info.apiGroup,
    name: info.name || undefined,
  };
  return new ApiError(forbidden(why, resource).status, check);
}

/**
 * True for client-go's discovery requests (`Accept: …;as=APIGroupDiscoveryList,…`): it reads their
 * answers raw, so only a `text/plain` error body reaches the person running kubectl.
 */
const wantsAggregatedDiscovery = (req: IncomingMessage) =>
  /\bas=APIGroupDiscoveryList\b/.test(String(req.headers.accept ?? ""));

function sendText(res: ServerResponse, error: ApiError) {
  const text = error.status.message;
  res.writeHead(error.status.code, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

async function serve(
  platform: Platform,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  throttle: <P>(verify: () => P) => P,
  record: AuditRecord,
) {
  const method = (req.method ?? "GET").toUpperCase();
  const mapped = directAccessRequest(method, url.pathname, url.searchParams);
  record.info = mapped?.info;
  record.target = mapped?.direct.target;
  const principal = throttle(() => authenticateDirect(platform, req, record));
  const target = mapped && targetFacts(platform, mapped.direct.target);
  const facts = {
    ...principal.facts,
    owner: mapped
      ? { ...principal.facts.owner, rights: rightsFor(platform, principal, mapped.direct.target) }
      : principal.facts.owner,
    target,
    enforcer: "local" as const,
    projectNamespacePrefix: platform.projectNamespacePrefix,
  };
  const explained = explainAccess(facts, {
    access: mapped?.request ?? { target: { kind: "Management" } },
  });
  if (explained.verdict !== "allowed" || !mapped || !target?.created) {
    record.decision = explained.check === "no-direct-endpoint" ? "allow" : "forbid";
    record.reason = explained.evidence[0];
    const error = refusalError(explained, mapped);
    // client-go reads discovery answers raw: a JSON Status there is shown as "unknown".
    if (error.status.code === 403 && wantsAggregatedDiscovery(req)) {
      record.check = error.check;
      return sendText(res, error);
    }
    throw error;
  }
  record.decision = "allow";
  record.reason = explained.steps
    .filter((s) => (s.id === "scope" || s.id === "owner-rights") && s.outcome === "pass")
    .flatMap((s) => s.evidence)
    .join(" ");
  if (isSelfReview(mapped.request)) {
    return serveReview({ req, res, principal, facts, mapped, platform });
  }
  serveSimulated({
    res,
    method,
    info: mapped.info,
    direct: mapped.direct,
    created: target.created,
  });
}

/**
 * A request to a direct cluster endpoint (`/kubernetes/project/…`, `/kubernetes/cluster…`),
 * decided by the checks of lib/explain/checks.ts in their order (`explainAccess`, with what the
 * endpoint verified and looked up): authentication (a Direct Cluster Endpoint Token or an access
 * key, through `throttle`, the caller's failed-authentication limit) is 401; a path naming no
 * target 404; the credential's scope, its owner's rights and a role only the platform decides
 * 403; a target that does not exist or runs elsewhere 404, after authorization. Then self reviews
 * (whoami, can-i) or the target's simulated cluster answer. Every request writes one audit event.
 */
export async function serveDirect(
  platform: Platform,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  throttle: <P>(verify: () => P) => P,
) {
  const record = beginAudit(platform, req, res);
  try {
    await serve(platform, req, res, url, throttle, record);
  } catch (error) {
    if (error instanceof ApiError && error.check) {
      record.check ??= error.check;
      record.decision ??= "forbid";
    }
    throw error;
  }
}
