import { readBodyText, statusResponse, withSessionRoute } from "@/lib/route-handlers";
import { getConfig } from "@/lib/config";
import { auditIdOf, readRecordedActivity } from "@/lib/explain/recorded-activity";
import { ledgerOwnerOf } from "@/lib/ledger/entry";
import { MAX_FINGERPRINT_BODY, readFingerprintBody } from "@/lib/revocation/recognize";
import { getStore } from "@/lib/store";
import { findByFingerprint } from "@/lib/ledger/store";

export const dynamic = "force-dynamic";

const REAL_PLATFORM =
  "The console cannot read a real platform's audit log: paste the platform's audit events (audit.k8s.io/v1) or the job's kubectl lines instead.";

/**
 * `POST /api/explain/activity` with `{"fingerprint": "<base64url SHA-256 of the trimmed token or
 * key>"}` → what that credential did on the console's local platform: `{events, truncated}`, its
 * `audit.k8s.io/v1` Events oldest first (at most 1000, the newest). Only for a credential the
 * signed-in principal issued through the console (their ledger); 404 otherwise, and 404 when the
 * console runs against a real platform, whose audit log it cannot read.
 */
export const POST = withSessionRoute(async (session, request) => {
  const body = readFingerprintBody(
    request.headers.get("content-type"),
    await readBodyText(request, MAX_FINGERPRINT_BODY),
  );
  if (!body.ok) return statusResponse(body.code, body.reason, body.message);
  if (!getConfig().localPlatform) return statusResponse(404, "NotFound", REAL_PLATFORM);
  const { db } = await getStore();
  const entry = await findByFingerprint(db, ledgerOwnerOf(session), body.fingerprint);
  if (!entry)
    return statusResponse(
      404,
      "NotFound",
      "This console has no record of you issuing this credential.",
    );
  const jti = auditIdOf(entry);
  if (!jti)
    return statusResponse(
      404,
      "NotFound",
      "The console recorded no id for this credential, so its requests cannot be found.",
    );
  const activity = await readRecordedActivity(jti);
  if (!activity) return statusResponse(404, "NotFound", REAL_PLATFORM);
  return Response.json(activity, { headers: { "cache-control": "no-store" } });
});
