import { queryOptions } from "@tanstack/react-query";
import type { CanIRequest, OwnerAnswer } from "@/lib/explain/owner-answer";
import { postJson } from "@/lib/query-client";

/**
 * The signed-in user's own answer for one question (POST /api/explain/can-i): only the question is
 * sent, never the token. Asked again whenever the checker asks it again (rights change); not asked
 * while there is no question.
 */
export const canIQuery = (question: CanIRequest | undefined) =>
  queryOptions({
    queryKey: ["explain", "can-i", question],
    queryFn: ({ signal }) => postJson<OwnerAnswer>("/api/explain/can-i", question, signal),
    enabled: question !== undefined,
    staleTime: 0,
  });
