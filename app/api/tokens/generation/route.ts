import { withSessionRoute } from "@/lib/route-handlers";
import type { GenerationAnswer } from "@/lib/revocation/generation";
import { readOwnGeneration } from "@/lib/revocation/own-user";

export const dynamic = "force-dynamic";

/**
 * `GET /api/tokens/generation` → the signed-in user's current `spec.tokenGeneration`, read from the
 * platform with their own key (`POST selves`, `GET users/<name>`), for the inspector to tell a
 * token revoked by generation. Never cached: a revocation elsewhere shows at once.
 */
export const GET = withSessionRoute(async (session) => {
  const own = await readOwnGeneration(session.accessKey, session.principal);
  const answer: GenerationAnswer =
    own.state === "user"
      ? { kind: "User", user: own.user, tokenGeneration: own.generation }
      : own.state === "team"
        ? {
            kind: "Team",
            user: own.team,
            tokenGeneration: null,
            reason: "teams have no token generation",
          }
        : { kind: "User", user: own.user, tokenGeneration: null, reason: own.error.message };
  return Response.json(answer, { headers: { "cache-control": "no-store" } });
});
