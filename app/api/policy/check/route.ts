import { statusResponse } from "@/lib/route-handlers";
import { getConfig } from "@/lib/config";
import { ManagementError } from "@/lib/management/errors";
import { whoAmI } from "@/lib/management/resources";
import { manifestViolations, readCheckRequest } from "@/lib/policy/check";
import { policyViolations } from "@/lib/policy/evaluate";
import { readPolicy } from "@/lib/policy/store";
import { clientAddress } from "@/lib/server/client-address";
import { getStore } from "@/lib/store";
import { takeRateLimit } from "@/lib/store/guards";

export const dynamic = "force-dynamic";

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,4096})\s*$/i;

/**
 * `POST /api/policy/check` — for CI, before `kubectl create -f`: is this `DirectClusterEndpointToken`
 * or `OwnedAccessKey` manifest within the console's issuance policy? Answers 200 with
 * `{"allowed": bool, "violations": [{"field", "message"}]}` either way, from the evaluator the
 * builder and the issue actions use. Authenticated by a platform access key as a bearer (checked
 * with the platform, never kept), throttled per client (POLICY_CHECK_RATE_LIMIT a minute) before
 * anything else is done; failures are Kubernetes `Status` answers.
 */
export async function POST(request: Request): Promise<Response> {
  const { db } = await getStore();
  const retryAfter = await takeRateLimit(
    db,
    `policy-check:${clientAddress(request.headers)}`,
    getConfig().POLICY_CHECK_RATE_LIMIT,
    60_000,
  );
  if (retryAfter > 0)
    return statusResponse(
      429,
      "TooManyRequests",
      `Too many policy checks: try again in ${retryAfter} s.`,
      {},
      {
        details: { retryAfterSeconds: retryAfter },
        headers: { "retry-after": String(retryAfter) },
      },
    );
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
  const input = readCheckRequest(await request.text());
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
