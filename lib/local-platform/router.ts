import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "./auth";
import * as discovery from "./discovery";
import { sendError, sendJson } from "./http";
import { RESOURCE_BY_PLURAL } from "./resources";
import type { Ctx, Platform, Reply } from "./resources/types";
import { ApiError, badRequest, internalError, methodNotAllowed, pathNotFound } from "./status";

const { BASE_PATH, GROUP_VERSION } = discovery;
export const OPENID_CONFIGURATION = "/.well-known/openid-configuration";
export const JWKS_PATH = "/.well-known/jwks.json";
const GROUP_PREFIX = `/apis/${GROUP_VERSION}/`;

/** True for URLs (path + query) the platform answers. */
export function matchesPlatformUrl(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  if (path === OPENID_CONFIGURATION || path === JWKS_PATH) return true;
  return path === BASE_PATH || path.startsWith(`${BASE_PATH}/`);
}

/** Documents that need no credentials: health, version, OpenID discovery. */
function publicDocument(platform: Platform, path: string): unknown {
  switch (path) {
    case OPENID_CONFIGURATION:
      return {
        issuer: platform.origin,
        jwks_uri: `${platform.origin}${JWKS_PATH}`,
        response_types_supported: ["id_token"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        claims_supported: ["iss", "sub", "aud", "iat", "nbf", "exp", "jti", "loft.sh"],
      };
    case JWKS_PATH:
      return platform.signer.jwks;
    case `${BASE_PATH}/version`:
      return discovery.versionInfo;
    default:
      return undefined;
  }
}

const DISCOVERY: Record<string, unknown> = {
  "/api": discovery.apiVersions,
  "/api/v1": discovery.coreResourceList,
  "/apis": discovery.apiGroupList,
  "/apis/management.loft.sh": discovery.apiGroup,
  [`/apis/${GROUP_VERSION}`]: discovery.resourceList,
  "/openapi/v3": discovery.openApiRoot,
  [`/openapi/v3/apis/${GROUP_VERSION}`]: discovery.openApiGroupDoc,
};

const HEALTH = new Set(["/healthz", "/livez", "/readyz"]);

async function route(platform: Platform, req: IncomingMessage, res: ServerResponse) {
  const method = req.method ?? "GET";
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://platform.invalid");
  } catch {
    throw badRequest("the request URL is malformed");
  }
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
  const rest = path.slice(BASE_PATH.length) || "/";

  if (HEALTH.has(rest)) {
    res.writeHead(200, {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
    });
    res.end("ok");
    return;
  }
  const doc = publicDocument(platform, path);
  if (doc !== undefined) {
    if (method !== "GET") throw methodNotAllowed(method);
    sendJson(res, 200, doc, {
      "access-control-allow-origin": "*",
      "cache-control": "public, max-age=300",
    });
    return;
  }
  if (!path.startsWith(`${BASE_PATH}/`) && path !== BASE_PATH) throw pathNotFound();

  const principal = authenticate(platform.store, req);

  if (rest === "/openapi/v2") {
    if (method !== "GET") throw methodNotAllowed(method);
    // An empty protobuf message is a valid, empty OpenAPI v2 document.
    res.writeHead(200, { "content-type": discovery.OPENAPI_V2_PROTOBUF, "content-length": "0" });
    res.end();
    return;
  }
  const document = DISCOVERY[rest];
  if (document !== undefined) {
    if (method !== "GET") throw methodNotAllowed(method);
    sendJson(res, 200, document);
    return;
  }
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
  const [plural, name, ...extra] = segments;
  const resource = plural === undefined ? undefined : RESOURCE_BY_PLURAL.get(plural);
  if (
    !resource ||
    extra.length > 0 ||
    name === "" ||
    (namespace !== undefined && !resource.namespaced)
  ) {
    throw pathNotFound();
  }
  const ctx: Ctx = { req, res, url, platform, principal, namespace };
  let reply: Reply | undefined;
  if (name === undefined) {
    if (method === "GET" && resource.list) reply = resource.list(ctx);
    else if (
      method === "POST" &&
      resource.create &&
      (namespace !== undefined || !resource.namespaced)
    ) {
      reply = await resource.create(ctx);
    }
  } else if (resource.namespaced && namespace === undefined) {
    throw pathNotFound();
  } else if (method === "GET" && resource.get) {
    reply = resource.get(ctx, name);
  } else if (method === "DELETE" && resource.delete) {
    reply = resource.delete(ctx, name);
  }
  if (!reply) throw methodNotAllowed(method, resource.plural);
  sendJson(res, reply.code, reply.body);
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
        await drain(req);
        if (res.headersSent) res.destroy();
        else sendError(res, apiError);
      } catch {
        res.destroy();
      }
    });
  };
}
