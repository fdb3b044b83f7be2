import "server-only";
import https from "node:https";
import tls from "node:tls";
import { getConfig } from "@/lib/config";
import type { DirectTarget } from "@/lib/explain/direct-request";
import type { OwnerAnswer } from "@/lib/explain/owner-answer";
import { scopeAddition } from "@/lib/explain/scope-fix";
import type { Endpoint } from "@/lib/kubeconfig/endpoint";
import { inResolutionSlot } from "@/lib/kubeconfig/resolution-slot";
import { resolveTargets } from "@/lib/kubeconfig/resolve";
import { MAX_PROJECTS, sourceFor } from "@/lib/kubeconfig/source";
import type { ResolvedTarget } from "@/lib/kubeconfig/targets";
import { platformTrust } from "@/lib/management/client";
import type { AccessRequest } from "@/lib/scope/evaluate";
import type { SessionData } from "@/lib/session/session";

/**
 * The signed-in user's own rights on a direct target, asked of that target's direct endpoint the way
 * `kubectl auth can-i` asks: `POST …/apis/authorization.k8s.io/v1/selfsubjectaccessreviews` with
 * the user's own access key (server side only). The endpoint's URL comes from the cluster's
 * direct-endpoint annotations, resolved by lib/kubeconfig as for a kubeconfig; it is trusted as that
 * kubeconfig trusts it (the annotated CA, `-insecure`), plus the platform's own CA.
 * Anything but a SelfSubjectAccessReview in answer is `depends`, with what came instead.
 */
export type { OwnerAnswer } from "@/lib/explain/owner-answer";

const REVIEW_PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
const MAX_ANSWER_BYTES = 1024 * 1024;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The SelfSubjectAccessReview that asks `request` (resource attributes, or a non-resource path). */
export function selfAccessReview(request: AccessRequest): Json {
  const verb = request.verb ?? "";
  const spec = request.nonResourceURL
    ? { nonResourceAttributes: { path: request.nonResourceURL, verb } }
    : {
        resourceAttributes: {
          verb,
          group: request.apiGroup ?? "",
          resource: request.resource ?? "",
          subresource: request.subresource ?? "",
          namespace: request.namespace ?? "",
          name: request.name ?? "",
        },
      };
  return { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec };
}

/** The endpoint's answer read as allowed / refused / depends (anything but a review: depends). */
export function readReviewAnswer(code: number, body: string, server: string): OwnerAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const status = isRecord(parsed) && isRecord(parsed.status) ? parsed.status : undefined;
  const isReview =
    code >= 200 &&
    code < 300 &&
    isRecord(parsed) &&
    parsed.kind === "SelfSubjectAccessReview" &&
    typeof status?.allowed === "boolean";
  if (isReview && status) {
    if (status.allowed === true) return { answer: "allowed" };
    const reason = text(status.reason);
    const error = text(status.evaluationError);
    if (status.denied !== true && error)
      return { answer: "depends", reason: `the platform could not decide: ${error}` };
    return { answer: "refused", reason: reason || "no rule of the platform allows it" };
  }
  const said = isRecord(parsed) && parsed.kind === "Status" ? text(parsed.message) : "";
  const what = `HTTP ${code}${said ? `: ${said}` : ""}`;
  if (code === 401)
    return {
      answer: "depends",
      reason: `the direct endpoint at ${server} did not accept your access key (${what})`,
    };
  return {
    answer: "depends",
    reason: `the direct endpoint at ${server} did not answer a SelfSubjectAccessReview (${what}); it may not serve self reviews there`,
  };
}

/** TLS as the kubeconfig for `endpoint` trusts it, plus the platform's CA (`platformCa`). */
function trustOf(endpoint: Endpoint, platformCa?: Buffer): https.RequestOptions {
  const annotated = endpoint.certificateAuthorityData
    ? [Buffer.from(endpoint.certificateAuthorityData, "base64")]
    : undefined;
  const extra = platformCa ? [platformCa] : [];
  const ca = annotated
    ? [...annotated, ...extra]
    : extra.length
      ? [...extra, ...tls.rootCertificates]
      : undefined;
  return { ca, rejectUnauthorized: !endpoint.insecureSkipTlsVerify };
}

/** Why a request to the endpoint got no answer, in words (certificate or network). */
function unreachable(error: NodeJS.ErrnoException, server: string): string {
  const code = error.code ?? "";
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code))
    return `the direct endpoint at ${server} presented a certificate that is not trusted (${code})`;
  return `the direct endpoint at ${server} could not be reached${code ? ` (${code})` : ""}`;
}

export interface OwnerAccessQuestion {
  /** The owner's own access key: sent to the endpoint as a bearer, nowhere else. */
  accessKey: string;
  endpoint: Endpoint;
  request: AccessRequest;
}

/**
 * Asks the endpoint whether the key's owner may send `request` (a self review). Never throws for
 * what the endpoint does: an unreachable or non-Kubernetes endpoint is `depends`, with the reason.
 */
export function askOwnerAccess(
  { accessKey, endpoint, request }: OwnerAccessQuestion,
  options: { platformCa?: Buffer; timeoutMs?: number } = {},
): Promise<OwnerAnswer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const server = endpoint.server;
  const url = new URL(`${server.replace(/\/+$/, "")}${REVIEW_PATH}`);
  if (url.protocol !== "https:")
    return Promise.resolve({
      answer: "depends",
      reason: `the direct endpoint at ${server} is not HTTPS, so your access key is not sent to it`,
    });
  const body = JSON.stringify(selfAccessReview(request));
  return new Promise((resolve) => {
    // The first answer wins; whatever the destroyed request reports afterwards changes nothing.
    const give = (reason: string) => resolve({ answer: "depends", reason });
    const req = https.request(
      url,
      {
        method: "POST",
        ...trustOf(endpoint, options.platformCa),
        headers: {
          accept: "application/json",
          authorization: `Bearer ${accessKey}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) return void chunks.push(chunk);
          give(`the direct endpoint at ${server} answered with more than 1 MiB`);
          req.destroy();
        });
        res.on("end", () =>
          resolve(readReviewAnswer(res.statusCode ?? 0, Buffer.concat(chunks).toString(), server)),
        );
        res.on("error", (error) => give(unreachable(error, server)));
        // After "end" this changes nothing; without one, the answer was cut off.
        res.on("close", () =>
          give(`the direct endpoint at ${server} closed the connection before it had answered`),
        );
      },
    );
    req.setTimeout(timeoutMs, () => {
      give(`the direct endpoint at ${server} did not answer within ${timeoutMs / 1000} s`);
      req.destroy();
    });
    req.on("error", (error) => give(unreachable(error, server)));
    req.end(body);
  });
}

/**
 * The target's endpoint, or the answer when there is none: `status.canUse` false is the platform
 * refusing the owner; anything else that leaves the endpoint unknown is `depends`.
 */
function endpointOf(target: ResolvedTarget | undefined): Endpoint | OwnerAnswer {
  if (target?.endpoint) return target.endpoint;
  const problem = target?.problem;
  if (problem?.reason === "not-usable") return { answer: "refused", reason: problem.message };
  return {
    answer: "depends",
    reason: problem
      ? `its direct endpoint is unknown: ${problem.message}`
      : "its direct endpoint is unknown: the platform did not list the target",
  };
}

/**
 * The signed-in user's own answer for `request` on a direct target: the endpoint is resolved in one
 * of the user's resolution slots (`busy` when all are held), then asked with the session's key.
 */
export async function ownerAccess(
  session: SessionData,
  request: AccessRequest & { target: DirectTarget },
): Promise<{ busy: true } | { busy: false; value: OwnerAnswer }> {
  const config = getConfig();
  const listed = await inResolutionSlot(session, () =>
    resolveTargets(
      // A scope naming exactly the target (never a `*`: the route takes object names).
      scopeAddition(request.target) ?? {},
      sourceFor(session.accessKey, session.projectNamespacePrefix),
      { platformInsecure: config.PLATFORM_INSECURE_SKIP_TLS_VERIFY, maxProjects: MAX_PROJECTS },
    ),
  );
  if (listed.busy) return listed;
  const endpoint = endpointOf(listed.value.targets[0]);
  if ("answer" in endpoint) return { busy: false, value: endpoint };
  const value = await askOwnerAccess(
    { accessKey: session.accessKey, endpoint, request },
    { platformCa: platformTrust(config).ca, timeoutMs: config.PLATFORM_TIMEOUT_MS },
  );
  return { busy: false, value };
}
