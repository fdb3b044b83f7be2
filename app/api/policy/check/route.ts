import { answerPolicyCheck } from "@/lib/policy/check-route";

export const dynamic = "force-dynamic";

/**
 * `POST /api/policy/check` — for CI, before `kubectl create -f`: is this `DirectClusterEndpointToken`
 * or `OwnedAccessKey` manifest within the console's issuance policy? Answers 200 with
 * `{"allowed": bool, "violations": [{"field", "message"}]}` either way, from the evaluator the
 * builder and the issue actions use. Authenticated by a platform access key as a bearer, throttled
 * per client (lib/policy/check-route.ts).
 */
export const POST = answerPolicyCheck;
