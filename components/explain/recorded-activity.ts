import { fingerprintInBrowser } from "@/components/token-viewer/use-token-recognition";
import { postJson } from "@/lib/query-client";
import type { RecordedActivitySource } from "./load-recorded";

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
