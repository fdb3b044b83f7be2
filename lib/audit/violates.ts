import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { IssuancePolicy } from "@/lib/policy/policy";
import type { StoreTables } from "@/lib/store/schema";

/*
 * "Violates the policy" as a SQL predicate over the ledger's policy facts (facts.ts): true for exactly
 * the entries `policyViolations(policy, subjectOfEntry(entry))` flags (tests/api/audit-violates.test.ts
 * holds the two to agreement on generated entries and policies). Case by case, as the evaluator:
 * - unrestricted: no issued scope (its fact);
 * - lifetime: the allowed lifetime is the least of the kind's limit and the limit of every project the
 *   scope reaches, so an entry breaks it when it has no lifetime or a longer one than any one limit
 *   that applies to it (all project limits apply to a scope reaching every project);
 * - wildcards, note: their facts; roles: a named role outside the allowed list.
 * The fact tables are read by uncorrelated `id IN (…)` subqueries, which each engine runs once per
 * query (a hashed or indexed set), not once per row.
 */

type LedgerEb = ExpressionBuilder<StoreTables, "ledger">;

const never = sql<SqlBool>`1 = 0`;

/** No lifetime, or longer than `limit` seconds. */
const outlives = (eb: LedgerEb, limit: number) =>
  eb.or([eb("ledger.lifetime_seconds", "is", null), eb("ledger.lifetime_seconds", ">", limit)]);

/** The project limits as the evaluator applies them: the least limit per project, grouped by limit. */
function projectLimits(policy: IssuancePolicy) {
  const least = new Map<string, number>();
  for (const { project, maxTtl } of policy.projectMaxTtl)
    least.set(project, Math.min(maxTtl, least.get(project) ?? Infinity));
  const byLimit = new Map<number, string[]>();
  for (const [project, limit] of least)
    byLimit.set(limit, [...(byLimit.get(limit) ?? []), project]);
  return { byLimit, lowest: Math.min(...least.values()) };
}

function lifetimeBroken(eb: LedgerEb, policy: IssuancePolicy): Expression<SqlBool>[] {
  const parts: Expression<SqlBool>[] = [];
  const { token, accessKey } = policy.maxTtl;
  if (token !== null)
    parts.push(eb.and([eb("ledger.kind", "!=", "accesskey"), outlives(eb, token)]));
  if (accessKey !== null)
    parts.push(eb.and([eb("ledger.kind", "=", "accesskey"), outlives(eb, accessKey)]));
  if (policy.projectMaxTtl.length === 0) return parts;
  const { byLimit, lowest } = projectLimits(policy);
  parts.push(eb.and([eb("ledger.reaches_all_projects", "=", 1), outlives(eb, lowest)]));
  for (const [limit, projects] of byLimit)
    parts.push(
      eb.and([
        outlives(eb, limit),
        eb(
          "ledger.id",
          "in",
          eb
            .selectFrom("ledger_projects")
            .select("ledger_projects.entry_id")
            .where("ledger_projects.project", "in", projects),
        ),
      ]),
    );
  return parts;
}

function rolesBroken(eb: LedgerEb, allowed: readonly string[]): Expression<SqlBool> {
  let roles = eb.selectFrom("ledger_roles").select("ledger_roles.entry_id");
  if (allowed.length) roles = roles.where("ledger_roles.role", "not in", [...allowed]);
  return eb("ledger.id", "in", roles);
}

/** The ledger rows `policy` would refuse (an expression over table `ledger`). */
export function violatesPolicy(policy: IssuancePolicy) {
  return (eb: LedgerEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    if (policy.forbidUnrestricted) parts.push(eb("ledger.unrestricted", "=", 1));
    parts.push(...lifetimeBroken(eb, policy));
    if (policy.forbidWildcards) parts.push(eb("ledger.has_wildcard", "=", 1));
    if (policy.allowedRoles) parts.push(rolesBroken(eb, policy.allowedRoles));
    if (policy.requireNote) parts.push(eb("ledger.has_note", "=", 0));
    return parts.length ? eb.or(parts) : never;
  };
}
