import "server-only";
import { getConfig } from "@/lib/config";
import { inResolutionSlot } from "@/lib/kubeconfig/resolution-slot";
import { resolveTargets } from "@/lib/kubeconfig/resolve";
import { MAX_PROJECTS, sourceFor } from "@/lib/kubeconfig/source";
import { readScopeOrUndefined } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { SessionData } from "@/lib/session/session";
import { getStore } from "@/lib/store";
import { setReach, type LedgerEntry } from "@/lib/ledger/store";

/**
 * What a ledger entry's wildcards reach, listed with the signed-in user's key through the targets
 * resolver: recorded just after a token is issued, and listed again for "Compare with now"
 * (`GET /api/ledger/<id>/reach`). The comparison itself is compare-reach.ts, which the browser runs.
 */

/** What a scope's `*` entries and whole projects reached at one moment (target ids, sorted). */
export interface WildcardReach {
  at: string;
  targets: string[];
  truncated: boolean;
  /** Set when the listing ran out of platform requests: where it stopped, in words. */
  stopped?: string;
}

/** The reach recorded with an entry at issue (its `reach` column), or null when none was. */
export function recordedReach(value: unknown): WildcardReach | null {
  return typeof value === "object" &&
    value !== null &&
    Array.isArray((value as WildcardReach).targets) &&
    typeof (value as WildcardReach).at === "string"
    ? (value as WildcardReach)
    : null;
}

/**
 * True when a scope has entries whose reach changes as the platform changes: whole projects, and `*`
 * for a space, virtual cluster or cluster (rules are request patterns, not targets).
 */
export function reachesByWildcard(scope: unknown): boolean {
  const s = readScopeOrUndefined(scope);
  if (!s) return false;
  return (
    Boolean(s.projects?.length) ||
    Boolean(s.spaces?.some((e) => e.project === "*" || e.space === "*")) ||
    Boolean(s.virtualClusters?.some((e) => e.project === "*" || e.virtualCluster === "*")) ||
    Boolean(s.clusters?.some((e) => e.cluster === "*"))
  );
}

/**
 * Lists, with the signed-in user's key, what the scope's wildcards reach now. The caller holds one
 * of the user's resolution slots (inResolutionSlot) while it runs.
 */
export async function wildcardReach(
  session: Pick<SessionData, "accessKey" | "projectNamespacePrefix">,
  scope: AccessKeyScope,
): Promise<WildcardReach> {
  const result = await resolveTargets(
    scope,
    sourceFor(session.accessKey, session.projectNamespacePrefix),
    { platformInsecure: getConfig().PLATFORM_INSECURE_SKIP_TLS_VERIFY, maxProjects: MAX_PROJECTS },
  );
  const reach: WildcardReach = {
    at: result.snapshotAt,
    targets: result.targets
      .filter((t) => t.wildcard)
      .map((t) => t.id)
      .sort(),
    truncated: result.truncated,
  };
  if (result.budget.note) reach.stopped = result.budget.note;
  return reach;
}

/**
 * After the response: records what the new token's wildcards reach at issue time. Skipped when the
 * user's resolution slots are all held: the ledger then says the issue-time reach is unknown.
 */
export async function recordWildcardReach(session: SessionData, entry: LedgerEntry) {
  const scope = readScopeOrUndefined(entry.issuedScope);
  if (!scope || !reachesByWildcard(scope)) return;
  try {
    const listed = await inResolutionSlot(session, () => wildcardReach(session, scope));
    if (listed.busy) return;
    await setReach((await getStore()).db, entry.id, listed.value);
  } catch (error) {
    // The entry stands without it; the ledger page then says the issue-time reach is unknown.
    console.error(
      "could not record what the token's wildcards reach:",
      error instanceof Error ? error.message : error,
    );
  }
}
