import type { IncomingMessage, ServerResponse } from "node:http";
import { CONSOLE_HEADER, isConsoleRequest } from "@/lib/server/console-secret";
import { RateLimiter } from "./rate-limit";
import { authenticate, type Principal } from "./auth";
import { isDirectPath, serveDirect } from "./direct";
import * as discovery from "./discovery";
import { sendError, sendJson } from "./http";
import { authorizeScopedRequest } from "./key-scope";
import { RESOURCE_BY_PLURAL } from "./resources";
import { projectOfNamespace } from "./resources/projects";
import type { Ctx, Platform, Reply, Resource, Subresource } from "./resources/types";
import {
  ApiError,
  GROUP,
  badRequest,
  internalError,
  invalidDryRun,
  methodNotAllowed,
  pathNotFound,
  tooManyFailures,
} from "./status";

const { BASE_PATH, GROUP_VERSION } = discovery;
const GROUP_PREFIX = `/apis/${GROUP_VERSION}/`;

/**
 * True for URLs (path + query) the platform answers: everything under /kubernetes/management, as
 * on a real platform, and the direct cluster endpoint paths (`/kubernetes/project/…`,
 * `/kubernetes/cluster…`; see direct/). (It serves no `/.well-known` documents at the origin's
 * root: a real platform does not either; its token signing certificate is
 * `clusters/<c>/agentconfig` → `tokenCaCert`.)
 */
export function matchesPlatformUrl(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  return path === BASE_PATH || path.startsWith(`${BASE_PATH}/`) || isDirectPath(path);
}

/** The verb a request is authorized as (`POST selves` creates nothing: a read, `get`). */
function verbOf(method: string, resource: Resource, name: string | undefined): string {
  if (method === "GET") return name === undefined ? "list" : "get";
  if (method === "POST") return resource.plural === "selves" ? "get" : "create";
  if (method === "PUT") return "update";
  return method.toLowerCase();
}

/** The project a management request concerns, if any. */
function projectOfRequest(
  platform: Platform,
  resource: Resource,
  name: string | undefined,
  namespace: string | undefined,
): string | undefined {
  if (resource.plural === "projects") return name;
  if (namespace !== undefined)
    return projectOfNamespace(platform.projectNamespacePrefix, namespace);
  return undefined;
}

/** The options object Kubernetes validates `dryRun` on, per write method. */
const WRITE_OPTIONS = {
  POST: "CreateOptions",
  PUT: "UpdateOptions",
  PATCH: "PatchOptions",
  DELETE: "DeleteOptions",
} as const;

/** `dryRun` may only be `All` (Kubernetes: 422 Invalid on CreateOptions, UpdateOptions, …). */
function checkDryRun(url: URL, method: keyof typeof WRITE_OPTIONS) {
  const values = url.searchParams.getAll("dryRun");
  if (values.length === 0 || values.every((v) => v === "All")) return;
  throw invalidDryRun(WRITE_OPTIONS[method], values);
}

/** Discovery documents by path; the OpenAPI ones are built when first asked for. */
const DISCOVERY: Record<string, () => unknown> = {
  "/api": () => discovery.apiVersions,
  "/api/v1": () => discovery.coreResourceList,
  "/apis": () => discovery.apiGroupList,
  [`/apis/${GROUP}`]: () => discovery.apiGroup,
  [`/apis/${GROUP_VERSION}`]: () => discovery.resourceList,
  "/openapi/v3": discovery.openApiRoot,
  [`/openapi/v3/apis/${GROUP_VERSION}`]: discovery.openApiGroupDoc,
};

const HEALTH = new Set(["/healthz", "/livez", "/readyz"]);

/** The request's URL; 400 when it cannot be parsed. */
function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? "/", "http://platform.invalid");
  } catch {
    throw badRequest("the request URL is malformed");
  }
}

/**
 * Answers what needs no credentials (health checks, `/version`) and refuses paths outside the
 * platform; true when the request was answered. `rest` is the path below BASE_PATH.
 */
function serveUnauthenticated(
  res: ServerResponse,
  method: string,
  path: string,
  rest: string,
): boolean {
  if (HEALTH.has(rest)) {
    res.writeHead(200, {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
    });
    res.end("ok");
    return true;
  }
  if (!path.startsWith(`${BASE_PATH}/`) && path !== BASE_PATH) throw pathNotFound();
  if (rest === "/version") {
    if (method !== "GET") throw methodNotAllowed(method);
    sendJson(res, 200, discovery.versionInfo, {
      "access-control-allow-origin": "*",
      "cache-control": "public, max-age=300",
    });
    return true;
  }
  return false;
}

/** Answers the discovery and OpenAPI documents; true when `rest` was one of them. */
function serveDiscovery(res: ServerResponse, method: string, rest: string): boolean {
  if (rest === "/openapi/v2") {
    if (method !== "GET") throw methodNotAllowed(method);
    // An empty protobuf message is a valid, empty OpenAPI v2 document.
    res.writeHead(200, { "content-type": discovery.OPENAPI_V2_PROTOBUF, "content-length": "0" });
    res.end();
    return true;
  }
  const document = Object.hasOwn(DISCOVERY, rest) ? DISCOVERY[rest] : undefined;
  if (document === undefined) return false;
  if (method !== "GET") throw methodNotAllowed(method);
  sendJson(res, 200, document());
  return true;
}

type Handler = () => Reply | Promise<Reply>;

/**
 * The resource's handler for `method` on the collection (`name` undefined), an object, or its
 * subresource `sub`; undefined when the resource does not serve that method there.
 */
function handlerOf(
  ctx: Ctx,
  method: string,
  resource: Resource,
  name: string | undefined,
  sub: Subresource | undefined,
): Handler | undefined {
  const { namespace } = ctx;
  if (name === undefined) {
    if (method === "GET" && resource.list) return () => resource.list!(ctx);
    if (method === "POST" && resource.create && (namespace !== undefined || !resource.namespaced)) {
      return () => resource.create!(ctx);
    }
    return undefined;
  }
  if (resource.namespaced && namespace === undefined) throw pathNotFound();
  if (sub) return method === "GET" ? () => sub.get(ctx, name) : undefined;
  if (method === "GET" && resource.get) return () => resource.get!(ctx, name);
  if (method === "DELETE" && resource.delete) return () => resource.delete!(ctx, name);
  if (method === "PUT" && resource.update) return () => resource.update!(ctx, name);
  if (method === "PATCH" && resource.patch) return () => resource.patch!(ctx, name);
  return undefined;
}

async function route(platform: Platform, req: IncomingMessage, res: ServerResponse) {
  const method = req.method ?? "GET";
  const url = requestUrl(req);
  if (isDirectPath(url.pathname)) {
    // A direct cluster endpoint: a JWT-looking bearer is a Direct Cluster Endpoint Token, anything
    // else an access key (what current CLIs put in kubeconfigs); its own (simulated) clusters.
    await serveDirect(platform, req, res, url, <P>(verify: () => P) =>
      authenticateThrottled(platform, req, verify),
    );
    return;
  }
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
  const rest = path.slice(BASE_PATH.length) || "/";
  if (serveUnauthenticated(res, method, path, rest)) return;

  const principal = authenticateThrottled(platform, req);
  if (serveDiscovery(res, method, rest)) return;
  if (!rest.startsWith(GROUP_PREFIX)) throw pathNotFound();

  let segments: string[];
  try {
    segments = rest.slice(GROUP_PREFIX.length).split("/").map(decodeURIComponent);
  } catch {
    throw badRequest("the request path is malformed");
  }
  let namespace: string | undefined;
  if (segments[0] === "namespaces" && segments.length >= 3) {
    namespace = segments[1];
    segments = segments.slice(2);
  }
  const [plural, name, subName, ...extra] = segments;
  const resource = plural === undefined ? undefined : RESOURCE_BY_PLURAL.get(plural);
  const sub = subName === undefined ? undefined : resource?.subresources?.[subName];
  if (
    !resource ||
    extra.length > 0 ||
    name === "" ||
    (subName !== undefined && !sub) ||
    (namespace !== undefined && !resource.namespaced)
  ) {
    throw pathNotFound();
  }
  const ctx: Ctx = { req, res, url, platform, principal, namespace };
  const handler = handlerOf(ctx, method, resource, name, sub);
  if (!handler) {
    throw methodNotAllowed(method, subName ? `${resource.plural}/${subName}` : resource.plural);
  }
  if (Object.hasOwn(WRITE_OPTIONS, method)) checkDryRun(url, method as keyof typeof WRITE_OPTIONS);
  // A scoped key: the scope decides every request, except the creates that check themselves that
  // what they make stays within it (tokens, access keys).
  if (principal.scope && !(method === "POST" && resource.createChecksEscalation)) {
    authorizeScopedRequest(principal, {
      verb: verbOf(method, resource, name),
      resource: resource.plural,
      subresource: subName,
      name,
      namespace,
      project: projectOfRequest(platform, resource, name, namespace),
    });
  }
  const reply = await handler();
  sendJson(res, reply.code, reply.body);
}

/** Failed authentications an address may make per minute before it gets 429 (both ports). */
export const AUTH_FAILURES_PER_MINUTE = 60;
const authFailures = new WeakMap<Platform, RateLimiter>();

/**
 * Authenticates, throttling key guessing per client address: past AUTH_FAILURES_PER_MINUTE failed
 * attempts in a minute, requests from that address get 429 with Retry-After before any key is
 * looked up. Only failures count, and only that address waits: other clients are unaffected. The
 * direct cluster endpoints pass their own `verify` (tokens, or access keys) and share the count: a
 * guesser cannot double its attempts by switching paths.
 */
function authenticateThrottled<P = Principal>(
  platform: Platform,
  req: IncomingMessage,
  verify: () => P = () => authenticate(platform.store, req, platform.clock()) as P,
): P {
  let limiter = authFailures.get(platform);
  if (!limiter) {
    limiter = new RateLimiter(AUTH_FAILURES_PER_MINUTE, 60_000);
    authFailures.set(platform, limiter);
  }
  // The nearest hop: a forwarded-for header is the client's claim, not evidence.
  const address = req.socket.remoteAddress ?? "unknown";
  if (isConsoleRequest(req.headers[CONSOLE_HEADER])) return verify();
  const wait = limiter.retryAfter(address);
  if (wait > 0) throw tooManyFailures(wait);
  try {
    return verify();
  } catch (error) {
    if (error instanceof ApiError && error.status.code === 401) limiter.take(address);
    throw error;
  }
}

/** Waits (bounded) for an unread request body so the error response reaches the client. */
function drain(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => resolve();
    req.once("end", done).once("close", done).once("error", done);
    setTimeout(done, 5_000).unref();
    req.resume();
  });
}

/** The platform's request handler: never throws, every failure is a Kubernetes Status. */
export function createHandler(platform: Platform) {
  return (req: IncomingMessage, res: ServerResponse) => {
    req.on("error", () => {});
    route(platform, req, res).catch(async (error: unknown) => {
      const apiError = error instanceof ApiError ? error : internalError();
      if (!(error instanceof ApiError)) {
        console.error(
          "local platform: request failed:",
          error instanceof Error ? error.message : String(error),
        );
      }
      try {
        // A client that trickled its body gets its answer now, and the connection is closed.
        if (apiError.status.code !== 408) await drain(req);
        if (res.headersSent) res.destroy();
        else sendError(res, apiError);
      } catch {
        res.destroy();
      }
    });
  };
}
