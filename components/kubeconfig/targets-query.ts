import { queryOptions } from "@tanstack/react-query";
import type { TargetsResult } from "@/lib/kubeconfig/resolve";
import { HttpError } from "@/lib/query/client";
import type { AccessKeyScope } from "@/lib/scope/schema";

/**
 * What a scope reaches (POST /api/targets). Only the scope is sent — it is in the token's payload
 * and says what the token may reach, not how to use it; the token itself never leaves the browser.
 */
async function postTargets(scope: AccessKeyScope | null, signal: AbortSignal) {
  let response: Response;
  try {
    response = await fetch("/api/targets", {
      method: "POST",
      signal,
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ scope }),
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new HttpError(
      "Could not reach the dashboard server. Check your connection and try again.",
      0,
      true,
    );
  }
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const message =
      typeof body === "object" && body && "message" in body
        ? String((body as { message: unknown }).message)
        : `The server answered HTTP ${response.status}.`;
    throw new HttpError(
      message,
      response.status,
      response.status >= 500 || response.status === 429,
    );
  }
  return body as TargetsResult;
}

/** `scope` null: an unrestricted token (the targets the signed-in user can see). */
export const targetsQuery = (scope: AccessKeyScope | null) =>
  queryOptions({
    queryKey: ["targets", JSON.stringify(scope)],
    queryFn: ({ signal }) => postTargets(scope, signal),
    staleTime: 30_000,
  });
