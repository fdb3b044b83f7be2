/**
 * The body of `POST /api/tokens/recognize`: `{"fingerprint": "<base64url SHA-256 of the token>"}`.
 * Only a fingerprint is accepted, so a token sent by mistake is refused rather than read.
 */
export type FingerprintBody =
  | { ok: true; fingerprint: string }
  | { ok: false; code: 400 | 413 | 415 | 422; reason: string; message: string };

/** The most a fingerprint body may be (bytes): a fingerprint is 43 characters. */
export const MAX_FINGERPRINT_BODY = 1024;
/** A base64url SHA-256 digest: 43 characters of the base64url alphabet. */
const FINGERPRINT = /^[A-Za-z0-9_-]{43}$/;

/** `text` undefined: the body was longer than MAX_FINGERPRINT_BODY bytes and was not read. */
export function readFingerprintBody(
  contentType: string | null,
  text: string | undefined,
): FingerprintBody {
  if (!(contentType ?? "").startsWith("application/json"))
    return {
      ok: false,
      code: 415,
      reason: "UnsupportedMediaType",
      message: "Send the fingerprint as application/json.",
    };
  if (text === undefined || text.length > MAX_FINGERPRINT_BODY)
    return {
      ok: false,
      code: 413,
      reason: "RequestEntityTooLarge",
      message: "Send only a fingerprint, never a token.",
    };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, code: 400, reason: "BadRequest", message: "The body is not JSON." };
  }
  const fingerprint =
    typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as { fingerprint?: unknown }).fingerprint
      : undefined;
  if (typeof fingerprint !== "string" || !FINGERPRINT.test(fingerprint))
    return {
      ok: false,
      code: 422,
      reason: "Invalid",
      message:
        'Send {"fingerprint": "<base64url SHA-256 of the trimmed token, 43 characters>"}, never the token.',
    };
  return { ok: true, fingerprint };
}
