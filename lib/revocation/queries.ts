import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/lib/query-client";
import type { GenerationAnswer } from "@/lib/revocation/generation";

/**
 * The signed-in principal's current token generation (GET /api/tokens/generation), for telling a
 * token revoked by generation. Never kept: a revocation elsewhere shows at once.
 */
export const generationQuery = () =>
  queryOptions({
    queryKey: ["tokens", "generation"],
    queryFn: ({ signal }) => getJson<GenerationAnswer>("/api/tokens/generation", signal),
    staleTime: 0,
  });
