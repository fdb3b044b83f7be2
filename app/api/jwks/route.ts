import { statusResponse } from "@/lib/api/route";
import { ManagementError } from "@/lib/management/errors";
import { platformJwks } from "@/lib/management/resources";

export const dynamic = "force-dynamic";

/** The configured platform's public signing keys, same-origin for the browser's verifier. */
export async function GET() {
  try {
    const jwks = await platformJwks();
    return Response.json(jwks, { headers: { "cache-control": "public, max-age=300" } });
  } catch (error) {
    if (error instanceof ManagementError) {
      return statusResponse(
        error.code === 404 ? 404 : 502,
        error.code === 404 ? "NotFound" : "BadGateway",
        error.code === 404 ? "The platform does not publish signing keys." : error.message,
      );
    }
    throw error;
  }
}
