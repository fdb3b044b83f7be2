import type { IncomingMessage, ServerResponse } from "node:http";
import { explainAccess } from "@/lib/explain/checks";
import type { DirectTarget } from "@/lib/explain/direct-request";
import type { ExplainFacts } from "@/lib/explain/facts";
import { rulesReview } from "@/lib/explain/rules";
import type { AccessRequest } from "@/lib/scope/evaluate";
import { mediaTypeOf, readBytes, readJson, sendJson } from "../http";
import type { Platform } from "../resources/types";
import { badRequest } from "../status";
import { auditUserOf } from "./audit-record";
import { decodeReview, PROTOBUF } from "./review-protobuf";
import type { DirectPrincipal } from "./authenticate";
import type { RequestInfo } from "./request";
import { pathNotFound } from "./core-status";

/**
 * Self reviews on a direct endpoint, answered by the checks that decide every request
 * (`explainAccess`, `rulesReview`): `kubectl auth whoami` (SelfSubjectReview), `kubectl auth can-i`
 * (SelfSubjectAccessReview) and `kubectl auth can-i --list` (SelfSubjectRulesReview). Every
 * authenticated credential may ask them, whatever its scope.
 */

export interface ReviewContext {
  req: IncomingMessage;
  res: ServerResponse;
  platform: Platform;
  principal: DirectPrincipal;
  facts: ExplainFacts;
  mapped: { info: RequestInfo; direct: { target: DirectTarget } };
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === "string" ? v : "");

/** `spec.resourceAttributes` or `spec.nonResourceAttributes` → the request it asks about. */
function askedRequest(target: DirectTarget, spec: Json): AccessRequest {
  const ra = spec.resourceAttributes;
  const nra = spec.nonResourceAttributes;
  if (isRecord(ra) === isRecord(nra)) {
    throw badRequest(
      "exactly one of spec.resourceAttributes or spec.nonResourceAttributes must be specified",
    );
  }
  if (isRecord(nra)) {
    return { target, verb: text(nra.verb), nonResourceURL: text(nra.path) };
  }
  const attributes = ra as Json;
  const request: AccessRequest = { target, verb: text(attributes.verb) };
  const set = (key: "apiGroup" | "resource" | "subresource" | "name" | "namespace", v: unknown) => {
    if (text(v)) request[key] = text(v);
  };
  set("apiGroup", attributes.group);
  set("resource", attributes.resource);
  set("subresource", attributes.subresource);
  set("name", attributes.name);
  set("namespace", attributes.namespace);
  return request;
}

function accessReview(ctx: ReviewContext, spec: Json) {
  const explained = explainAccess(ctx.facts, {
    access: askedRequest(ctx.mapped.direct.target, spec),
  });
  const status: Json = { allowed: explained.verdict === "allowed" };
  if (explained.verdict === "refused") status.denied = true;
  status.reason = explained.evidence.join(" ");
  return status;
}

/** Answers a self review (authorized already: every authenticated credential may ask). */
export async function serveReview(ctx: ReviewContext) {
  const { info } = ctx.mapped;
  if (info.apiVersion !== "v1") throw pathNotFound();
  const body =
    mediaTypeOf(ctx.req) === PROTOBUF
      ? decodeReview(info.resource, await readBytes(ctx.req))
      : await readJson(ctx.req);
  if (!isRecord(body)) throw badRequest("the request body must be a JSON object");
  const spec = isRecord(body.spec) ? body.spec : {};
  const { principal } = ctx;
  const apiVersion = `${info.apiGroup}/v1`;
  const answer = (kind: string, status: unknown, withSpec = true) =>
    sendJson(ctx.res, 201, {
      kind,
      apiVersion,
      metadata: { creationTimestamp: null },
      ...(withSpec ? { spec } : {}),
      status,
    });
  switch (info.resource) {
    case "selfsubjectreviews": {
      const { kind, name, object, jti, accessKey } = principal;
      const userInfo = auditUserOf(kind, name, object.metadata.uid, jti, accessKey);
      return answer("SelfSubjectReview", { userInfo }, false);
    }
    case "selfsubjectaccessreviews":
      return answer("SelfSubjectAccessReview", accessReview(ctx, spec));
    case "selfsubjectrulesreviews": {
      const namespace = text(spec.namespace);
      const status = rulesReview(ctx.facts, ctx.mapped.direct.target, namespace);
      return answer("SelfSubjectRulesReview", status);
    }
  }
  throw pathNotFound();
}
