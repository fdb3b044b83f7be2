import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { EntryState } from "@/lib/ledger/entry-state";
import type { IssuancePolicy } from "@/lib/policy/policy";
import type { StoreDb } from "@/lib/store/store-db";
import { EXPIRING_WITHIN_MS } from "@/lib/ledger/store";
import type { StoreTables } from "@/lib/store/schema";
import { dayStart, type AuditFilters } from "./filters";
import { violatesPolicy } from "./violates";

/*
 * The audit's filters as SQL, one definition for its pages, its counts and its export.
 */

/** The filters with the moment and policy they are judged by. */
export interface AuditQuery {
  filters: AuditFilters;
  now: number;
  /** The current policy, for the "violates policy" filter. */
  policy: IssuancePolicy;
}

export type LedgerEb = ExpressionBuilder<StoreTables, "ledger">;

/**
 * expires_at read so no engine reaches for its index (unary plus): a state matches most of the
 * ledger or a scattered part of it, so the timeline's own (time, id) index read in order and
 * filtered is the quicker plan — SQLite, which keeps no statistics here, would otherwise read the
 * expiry index and sort.
 */
const expiresAt = sql<number | null>`+${sql.ref("ledger.expires_at")}`;

/** The state filters, as the Issued tokens page's (lib/ledger/store.ts). */
const ENTRY_STATE_CONDITIONS: Record<
  EntryState,
  (eb: LedgerEb, now: number) => Expression<SqlBool>
> = {
  revoked: (eb) => eb("ledger.revoked_at", "is not", null),
  expired: (eb, now) => eb.and([eb("ledger.revoked_at", "is", null), eb(expiresAt, "<=", now)]),
  active: (eb, now) =>
    eb.and([
      eb("ledger.revoked_at", "is", null),
      eb.or([eb(expiresAt, "is", null), eb(expiresAt, ">", now)]),
    ]),
  expiring: (eb, now) =>
    eb.and([
      eb("ledger.revoked_at", "is", null),
      eb(expiresAt, ">", now),
      eb(expiresAt, "<=", now + EXPIRING_WITHIN_MS),
    ]),
};

/** The entry filters (user, project, state, violates) as one condition on the ledger. */
export function entryCondition({ filters, now, policy }: AuditQuery) {
  return (eb: LedgerEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    const { user, project, state, violates } = filters;
    if (user)
      parts.push(
        user.includes(":")
          ? eb("ledger.principal", "=", user)
          : eb("ledger.principal", "in", [`user:${user}`, `team:${user}`]),
      );
    if (project)
      parts.push(
        eb(
          "ledger.id",
          "in",
          eb
            .selectFrom("ledger_projects")
            .select("ledger_projects.entry_id")
            .where("ledger_projects.project", "=", project),
        ),
      );
    if (state) parts.push(ENTRY_STATE_CONDITIONS[state](eb, now));
    if (violates) parts.push(violatesPolicy(policy)(eb));
    return eb.and(parts);
  };
}

/** The time range as epoch ms, `to` exclusive (the day after the last day). */
export function range(filters: AuditFilters): { from?: number; to?: number } {
  const from = filters.from ? dayStart(filters.from) : undefined;
  const last = filters.to ? dayStart(filters.to) : undefined;
  return { from, to: last === undefined ? undefined : last + 86_400_000 };
}

/** The policy changes in the query's time range. */
export function policyRows(db: StoreDb, query: AuditQuery) {
  const { from, to } = range(query.filters);
  let q = db.selectFrom("policy_changes");
  if (from !== undefined) q = q.where("policy_changes.at", ">=", from);
  if (to !== undefined) q = q.where("policy_changes.at", "<", to);
  return q;
}
