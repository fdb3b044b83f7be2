import {
  invalidResponse,
  readJsonBody,
  tooManyRequests,
  withSessionRoute,
} from "@/lib/route-handlers";
import { ownerAccess } from "@/lib/explain/owner-access";
import { CanIRequest, requestOfQuestion } from "@/lib/explain/owner-answer";
import { busyResponse, resolutionOwner } from "@/lib/kubeconfig/resolution-slot";
import { validate } from "@/lib/scope/causes";
import { getStore } from "@/lib/store";
import { takeRateLimit } from "@/lib/store/guards";

export const dynamic = "force-dynamic";

/** Questions a minute per signed-in principal (each may cost a target resolution and a review). */
const PER_MINUTE = 60;
const MAX_BODY = 8 * 1024;

/**
 * `POST /api/explain/can-i` with `{target, verb, resource?, group?, namespace?, name?,
 * subresource?, path?}` → `{answer: "allowed"} | {answer: "refused" | "depends", reason}`: whether
 * the signed-in user's own rights let the request through on the target's direct endpoint, asked
 * of that endpoint with the session's access key (lib/explain/owner-access.ts). Only the question
 * comes here, never a token. 429 with Retry-After past PER_MINUTE questions or while the user's
 * target listings hold every slot.
 */
export const POST = withSessionRoute(async (session, request) => {
  const { db } = await getStore();
  const retryAfter = await takeRateLimit(
    db,
    `can-i:${resolutionOwner(session)}`,
    PER_MINUTE,
    60_000,
  );
  if (retryAfter > 0)
    return tooManyRequests(retryAfter, `Too many questions: try again in ${retryAfter} s.`);
  const read = await readJsonBody(request, "question", MAX_BODY);
  if (!read.ok) return read.response;
  const parsed = validate(CanIRequest, read.body);
  if (!parsed.ok) return invalidResponse("question", parsed.causes);
  const access = requestOfQuestion(parsed.data);
  const answered = await ownerAccess(session, { ...access, target: parsed.data.target });
  if (answered.busy) return busyResponse();
  return Response.json(answered.value, { headers: { "cache-control": "no-store" } });
});
