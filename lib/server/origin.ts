import type { IncomingHttpHeaders } from "node:http";

/**
 * True for a server-action POST sent from another site: its Origin is not the host it was sent to
 * (`X-Forwarded-Host` when a proxy set it, else `Host`), the comparison Next.js makes. Next.js
 * refuses these too, but answers 500; the server answers 403 before Next.js sees them. A request
 * without Origin is not a browser's cross-site request and is left to Next.js, as it does.
 */
export function isCrossSiteAction(method: string | undefined, headers: IncomingHttpHeaders) {
  if (method !== "POST" || !headers["next-action"] || headers.origin === undefined) return false;
  let originHost: string;
  try {
    originHost = headers.origin === "null" ? "null" : new URL(headers.origin).host;
  } catch {
    return true;
  }
  const forwarded = headers["x-forwarded-host"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return originHost !== (first || headers.host);
}
