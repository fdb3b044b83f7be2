import { statusResponse, withSessionRoute } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { resolveTargets } from "@/lib/kubeconfig/resolve";
import { MAX_PROJECTS, sourceFor } from "@/lib/kubeconfig/source";
import { validate } from "@/lib/scope/causes";
import { AccessKeyScope } from "@/lib/scope/schema";

export const dynamic = "force-dynamic";

/**
 * `POST /api/targets` with `{"scope": <AccessKeyScope> | null}` (null: an unrestricted token) →
 * `{targets, unrestricted, truncated, snapshotAt, notes}`: what the scope reaches and each target's
 * direct-endpoint URL, read with the signed-in user's key the way the official CLI reads it. Only
 * the scope comes here, never a token: the browser puts the token into the kubeconfig itself.
 */
const MAX_BODY = 256 * 1024;

export const POST = withSessionRoute(async (session, request) => {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json"))
    return statusResponse(415, "UnsupportedMediaType", "Send the scope as application/json.");
  const text = await request.text();
  if (text.length > MAX_BODY)
    return statusResponse(413, "RequestEntityTooLarge", "The scope is too large.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return statusResponse(400, "BadRequest", "The body is not JSON.");
  }
  if (typeof body !== "object" || body === null || !("scope" in body))
    return statusResponse(400, "BadRequest", 'Send {"scope": <AccessKeyScope> or null}.');
  const raw = (body as { scope: unknown }).scope;
  let scope: AccessKeyScope | undefined;
  if (raw !== null) {
    const parsed = validate(AccessKeyScope, raw, ["scope"]);
    if (!parsed.ok)
      return statusResponse(422, "Invalid", "The scope is not a valid AccessKeyScope.", {
        details: { causes: parsed.causes },
      });
    scope = parsed.data;
  }
  const result = await resolveTargets(
    scope,
    sourceFor(session.accessKey, session.projectNamespacePrefix),
    {
      platformInsecure: getConfig().PLATFORM_INSECURE_SKIP_TLS_VERIFY,
      maxProjects: MAX_PROJECTS,
    },
  );
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
