import {
  invalidResponse,
  readJsonBody,
  statusResponse,
  withSessionRoute,
} from "@/lib/route-handlers";
import { getConfig } from "@/lib/config";
import { busyResponse, inResolutionSlot } from "@/lib/kubeconfig/resolution-slot";
import { resolveTargets } from "@/lib/kubeconfig/resolve";
import { MAX_PROJECTS, sourceFor } from "@/lib/kubeconfig/source";
import { validate } from "@/lib/scope/causes";
import { ConsoleScope } from "@/lib/scope/limits";
import type { AccessKeyScope } from "@/lib/scope/schema";

export const dynamic = "force-dynamic";

/**
 * `POST /api/targets` with `{"scope": <AccessKeyScope> | null}` (null: an unrestricted token) →
 * `{targets, unrestricted, truncated, snapshotAt, notes, budget}`: what the scope reaches and each
 * target's direct-endpoint URL, read with the signed-in user's key the way the official CLI reads
 * it. Only the scope comes here, never a token: the browser puts the token into the kubeconfig
 * itself. A list longer than the console's limit is a 422; a user with two listings running gets a
 * 429 with Retry-After.
 */
const MAX_BODY = 256 * 1024;

export const POST = withSessionRoute(async (session, request) => {
  const read = await readJsonBody(request, "scope", MAX_BODY);
  if (!read.ok) return read.response;
  const body = read.body;
  if (typeof body !== "object" || body === null || !("scope" in body))
    return statusResponse(400, "BadRequest", 'Send {"scope": <AccessKeyScope> or null}.');
  const raw = (body as { scope: unknown }).scope;
  let scope: AccessKeyScope | undefined;
  if (raw !== null) {
    const parsed = validate(ConsoleScope, raw, ["scope"]);
    if (!parsed.ok) return invalidResponse("scope", parsed.causes);
    scope = parsed.data;
  }
  const listed = await inResolutionSlot(session, () =>
    resolveTargets(scope, sourceFor(session.accessKey, session.projectNamespacePrefix), {
      platformInsecure: getConfig().PLATFORM_INSECURE_SKIP_TLS_VERIFY,
      maxProjects: MAX_PROJECTS,
    }),
  );
  if (listed.busy) return busyResponse();
  return Response.json(listed.value, { headers: { "cache-control": "no-store" } });
});
