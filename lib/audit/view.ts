import { readPolicy } from "@/lib/policy/store";
import type { StoreDb } from "@/lib/store/store-db";
import type { AuditFilters } from "./filters";
import { auditRow, type AuditRow } from "./row";
import { countAudit, type AuditCounts } from "./count";
import { auditPage } from "./timeline";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditView {
  rows: AuditRow[];
  older?: string;
  newer?: string;
  counts: AuditCounts;
  /** The policy version the violations are judged by (0: none saved yet). */
  policyVersion: number;
  now: number;
}

/**
 * What the audit page shows: one page of the filtered timeline, its counts, and each event's
 * violations under the policy in force — read at one moment.
 */
export async function readAudit(
  db: StoreDb,
  filters: AuditFilters,
  cursor: { after?: string; before?: string },
  now = Date.now(),
): Promise<AuditView> {
  const { policy, version } = await readPolicy(db);
  const query = { filters, now, policy };
  const [page, counts] = await Promise.all([
    auditPage(db, query, { ...cursor, limit: AUDIT_PAGE_SIZE }),
    countAudit(db, query),
  ]);
  return {
    rows: page.events.map((event) => auditRow(event, policy, now)),
    older: page.older,
    newer: page.newer,
    counts,
    policyVersion: version,
    now,
  };
}
