import "server-only";
import { getConfig } from "@/lib/config";
import { readAuditEvents } from "@/lib/local-platform/direct/audit-read";
import type { LedgerEntry } from "@/lib/ledger/store";
import type { AuditEvent } from "./audit-event";

/**
 * What a credential did on the console's own local platform: the direct endpoints' audit events
 * for it (annotated `dce.loft.sh/jti`: a token's `jti`, an access key's name), oldest first. A real
 * platform's audit log is not readable by the console, so there is nothing to read without the local
 * platform (`undefined`).
 */

/** The most events one answer carries (the newest of them). */
export const RECORDED_ACTIVITY_LIMIT = 1000;

export interface RecordedActivity {
  /** `audit.k8s.io/v1` Events, oldest first. */
  events: AuditEvent[];
  /** True when older events were left out (more than the limit are recorded). */
  truncated: boolean;
}

/** The id the audit events name the entry's credential by, or undefined when none was recorded. */
export function auditIdOf(entry: Pick<LedgerEntry, "kind" | "tokenId" | "credentialName">) {
  return (entry.kind === "accesskey" ? entry.credentialName : entry.tokenId) ?? undefined;
}

export async function readRecordedActivity(
  jti: string,
  limit = RECORDED_ACTIVITY_LIMIT,
): Promise<RecordedActivity | undefined> {
  const config = getConfig();
  if (!config.localPlatform) return undefined;
  // One more than asked says whether older events were left out.
  const newestFirst = await readAuditEvents({ dataDir: config.DATA_DIR, jti, limit: limit + 1 });
  return {
    events: newestFirst.slice(0, limit).reverse(),
    truncated: newestFirst.length > limit,
  };
}
