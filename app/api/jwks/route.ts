import { statusResponse } from "@/lib/route-handlers";
import { ManagementError } from "@/lib/management/errors";
import { KEYS_NOT_FOUND, platformSigningKeys } from "@/lib/management/signing-keys";
import { getSession } from "@/lib/session/session";

export const dynamic = "force-dynamic";

/**
 * The platform's token signing keys as a JWK Set, same-origin for the browser's verifier, with
 * `source` naming where they came from. 404 Status when the platform publishes none we can read.
 */
export async function GET() {
  const session = await getSession();
  try {
    const keys = await platformSigningKeys(session?.accessKey ?? null);
    if (!keys) return statusResponse(404, "NotFound", KEYS_NOT_FOUND);
    return Response.json(keys, {
      headers: { "cache-control": session ? "private, max-age=300" : "public, max-age=300" },
    });
  } catch (error) {
    if (error instanceof ManagementError)
      return statusResponse(502, "BadGateway", error.message, { retryable: error.retryable });
    if (error instanceof Error && "code" in error)
      return statusResponse(500, "InternalError", "The configured signing keys could not be read.");
    throw error;
  }
}
