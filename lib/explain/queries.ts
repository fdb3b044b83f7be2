import { queryOptions } from "@tanstack/react-query";
import type { CanIRequest, OwnerAnswer } from "@/lib/explain/owner-answer";
import { postJson } from "@/lib/query-client";
import { fingerprintInBrowser } from "@/lib/token/fingerprint";

/** The browser's requests to the explain routes: only questions and fingerprints, never a token. */

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

/** Where "Load what it did" reads a credential's recorded activity from. */
export type RecordedActivitySource = { load(): Promise<string> };

/**
 * What a pasted credential did on the console's local platform, for the "Load what it did"
 * button: only its SHA-256 fingerprint is sent (`POST /api/explain/activity`), never the token;
 * the answer's audit events come back one JSON line each, as the activity field reads them.
 */
export function recordedActivityOf(credential: string): RecordedActivitySource {
  return {
    async load() {
      const fingerprint = await fingerprintInBrowser(credential);
      if (!fingerprint)
        throw new Error("this browser offers no SHA-256 on a page not served over HTTPS");
      const answer = await postJson<{ events: unknown[]; truncated: boolean }>(
        "/api/explain/activity",
        { fingerprint },
      );
      return answer.events.map((event) => JSON.stringify(event)).join("\n");
    },
  };
}
