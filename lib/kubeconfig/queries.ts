import { queryOptions } from "@tanstack/react-query";
import type { TargetsResult } from "@/lib/kubeconfig/targets";
import { postJson } from "@/lib/query-client";
import type { AccessKeyScope } from "@/lib/scope/schema";

/**
 * What a scope reaches (POST /api/targets). Only the scope is sent — it is in the token's payload
 * and says what the token may reach, not how to use it; the token itself never leaves the browser.
 */
const postTargets = (scope: AccessKeyScope | null, signal: AbortSignal) =>
  postJson<TargetsResult>("/api/targets", { scope }, signal);

/** `scope` null: an unrestricted token (the targets the signed-in user can see). */
export const targetsQuery = (scope: AccessKeyScope | null) =>
  queryOptions({
    queryKey: ["targets", JSON.stringify(scope)],
    queryFn: ({ signal }) => postTargets(scope, signal),
    staleTime: 30_000,
  });
