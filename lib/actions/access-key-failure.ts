import { fromManagementError, type ActionResult } from "@/lib/actions/result";
import type { ManagementError } from "@/lib/management/errors";
import { formFieldErrors } from "@/lib/scope/form-fields";
import { ACCESS_KEYS_PATH } from "@/lib/scope/manifest";

/**
 * What the builder is told when the platform refuses to create an access key: the Status at the
 * form's fields as for a token (a 403 beyond the signed-in key, a 422 at `spec.ttl` naming the
 * platform's maximum lifetime), or — when the platform does not offer the request at all — which
 * request it refused and that the token path still works.
 */

/**
 * A refusal meaning the platform does not offer the request (no such resource: 404, or no create on
 * it: 405), told apart from a 404 naming another object (the owner, `users.management.loft.sh "x"
 * not found`).
 */
export function createNotSupported(error: Pick<ManagementError, "code" | "message">): boolean {
  if (error.code === 405) return true;
  if (error.code !== 404) return false;
  const named = /^([\w.-]+) "[^"]*" not found$/.exec(error.message);
  return !named || named[1]!.startsWith("ownedaccesskeys");
}

export function accessKeyFailure(error: ManagementError): ActionResult<never> {
  if (createNotSupported(error))
    return {
      ok: false,
      error: `This platform does not support creating access keys through its API: POST ${ACCESS_KEYS_PATH} answered ${error.code} ${error.reason} (${error.message}). Issuing a Direct Cluster Endpoint Token still works: choose it under Credential.`,
      code: error.code,
    };
  const result = fromManagementError(error, formFieldErrors);
  // A maximum lifetime said only in the message (no cause) is shown at Time to live all the same.
  if (
    !result.ok &&
    error.code === 422 &&
    !result.fieldErrors?.ttlMode &&
    /\bspec\.ttl\b/.test(error.message)
  )
    result.fieldErrors = { ...result.fieldErrors, ttlMode: error.message };
  return result;
}
