import { readBodyText, statusResponse, withSessionRoute } from "@/lib/route-handlers";
import { MAX_FINGERPRINT_BODY, readFingerprintBody } from "@/lib/revocation/recognize";
import { ledgerSummary } from "@/lib/ledger/summary";
import { getStore } from "@/lib/store";
import { findByFingerprint } from "@/lib/ledger/store";
import { ledgerOwnerOf } from "@/lib/ledger/entry";

export const dynamic = "force-dynamic";

/**
 * `POST /api/tokens/recognize` with `{"fingerprint": "<base64url SHA-256 of the trimmed token>"}` →
 * the signed-in user's ledger entry for that token (`{id, issuedAt, expiresAt, note, scope,
 * revokedAt, generation}`), or 404. The browser computes the fingerprint: the token never comes here.
 */
export const POST = withSessionRoute(async (session, request) => {
  const body = readFingerprintBody(
    request.headers.get("content-type"),
    await readBodyText(request, MAX_FINGERPRINT_BODY),
  );
  if (!body.ok) return statusResponse(body.code, body.reason, body.message);
  const { db } = await getStore();
  const entry = await findByFingerprint(db, ledgerOwnerOf(session), body.fingerprint);
  if (!entry)
    return statusResponse(404, "NotFound", "This console has no record of you issuing this token.");
  return Response.json(ledgerSummary(entry), { headers: { "cache-control": "no-store" } });
});
