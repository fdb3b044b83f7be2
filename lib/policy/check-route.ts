import "server-only";
import { getConfig } from "@/lib/config";
import { ManagementError } from "@/lib/management/errors";
import { whoAmI } from "@/lib/management/resources";
import { readBodyText, statusResponse, tooManyRequests } from "@/lib/route-handlers";
import { clientAddress } from "@/lib/server/client-address";
import { getStore } from "@/lib/store";
import { takeRateLimit } from "@/lib/store/guards";
import { MAX_CHECK_BODY, manifestViolations, readCheckRequest } from "./check";
import { policyViolations } from "./evaluate";
import { readPolicy } from "./store";

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,4096})\s*$/i;

/**
 * The answer to `POST /api/policy/check` (app/api/policy/check/route.ts): throttled per client
 * (POLICY_CHECK_RATE_LIMIT a minute) before anything else is done, then the bearer key checked with
 * the platform (never kept), then the manifest read (check.ts) and judged by the issuance policy.
 * 200 with `{allowed, violations, policyVersion}` either way; failures are Kubernetes `Status`
 * answers.
 */
export async function answerPolicyCheck(request: Request): Promise<Response> {
  const { db } = await getStore();
  const retryAfter = await takeRateLimit(
    db,
    `policy-check:${clientAddress(request.headers)}`,
    getConfig().POLICY_CHECK_RATE_LIMIT,
    60_000,
  );
  if (retryAfter > 0)
    return tooManyRequests(retryAfter, `Too many policy checks: try again in ${retryAfter} s.`);
  const key = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!key)
    return statusResponse(
      401,
      "Unauthorized",
      "Send a platform access key as `Authorization: Bearer <key>`.",
    );
  try {
    await whoAmI(key);
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    if (error.code === 401 || error.code === 403)
      return statusResponse(401, "Unauthorized", "The platform did not accept this access key.");
    return statusResponse(error.code >= 500 ? 502 : error.code, error.reason, error.message);
  }
  const input = readCheckRequest(await readBodyText(request, MAX_CHECK_BODY));
  if (!input.ok)
    return statusResponse(
      input.code,
      input.code === 422 ? "Invalid" : input.code === 413 ? "RequestEntityTooLarge" : "BadRequest",
      input.message,
      {},
      {
        details: input.causes && {
          causes: input.causes.map((c) => ({ ...c, reason: "FieldValueInvalid" as const })),
        },
      },
    );
  const { policy, version } = await readPolicy(db);
  const violations = manifestViolations(policyViolations(policy, input.subject));
  return Response.json(
    { allowed: violations.length === 0, violations, policyVersion: version },
    { headers: { "cache-control": "no-store" } },
  );
}
