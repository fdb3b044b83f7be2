import { withSessionRoute } from "@/lib/route-handlers";
import { generationAnswerOf } from "@/lib/revocation/generation";
import { readOwnGeneration } from "@/lib/revocation/own-user";

export const dynamic = "force-dynamic";

/**
 * `GET /api/tokens/generation` → the signed-in user's current `spec.tokenGeneration`, read from the
 * platform with their own key (`POST selves`, `GET users/<name>`), for the inspector to tell a
 * token revoked by generation. Never cached: a revocation elsewhere shows at once.
 */
export const GET = withSessionRoute(async (session) => {
  const own = await readOwnGeneration(session.accessKey, session.principal);
  return Response.json(generationAnswerOf(own), { headers: { "cache-control": "no-store" } });
});
