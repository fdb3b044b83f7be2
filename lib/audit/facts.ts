import type { Kysely } from "kysely";
import { issuedTtl } from "@/lib/ledger/entry-state";
import { policyViolations } from "@/lib/policy/evaluate";
import { projectsReached } from "@/lib/policy/lifetime";
import type { PolicySubject } from "@/lib/policy/policy";
import { OPEN_POLICY } from "@/lib/policy/policy";
import { LOFT_CLI_ROLE } from "@/lib/scope/constants";
import type { LedgerKind, StoreTables } from "@/lib/store/schema";

/*
 * What the issuance policy's evaluator reads of a ledger entry, kept beside the entry so the audit's
 * "violates policy" filter is a SQL predicate (violates.ts) rather than a scan: its lifetime, whether
 * it is unrestricted, reaches every project or holds a wildcard, whether it has a note, the projects
 * it names (ledger_projects) and the roles it names (ledger_roles). Written by recordIssued and
 * backfilled by migration 0006_audit; each fact is read with the evaluator's own functions where it
 * exports one.
 */

/** The ledger fields the policy judges. */
export interface JudgedEntry {
  kind: LedgerKind;
  issuedScope: unknown;
  requestedTtl: number | null;
  issuedAt: number;
  expiresAt: number | null;
  note: string | null;
}

/**
 * What the policy judges of a ledger entry: its kind, its issued scope (none = unrestricted), its
 * lifetime (the ttl asked for, else expiry minus issue time; none = no expiry) and its note.
 */
export function subjectOfEntry(entry: JudgedEntry): PolicySubject {
  const ttl = entry.requestedTtl ?? issuedTtl(entry);
  return {
    credential: entry.kind === "accesskey" ? "accesskey" : "token",
    unrestricted: entry.issuedScope === null || entry.issuedScope === undefined,
    ...(ttl === null ? {} : { ttl }),
    scope: entry.issuedScope ?? undefined,
    note: entry.note,
  };
}

export interface EntryFacts {
  columns: {
    lifetime_seconds: number | null;
    unrestricted: number;
    reaches_all_projects: number;
    has_wildcard: number;
    has_note: number;
  };
  projects: string[];
  roles: string[];
}

/** Longest name kept in a fact table: longer ones name no project a policy can hold. */
const MAX_NAME = 253;
const storable = (name: string) => name.length <= MAX_NAME && !name.includes("\u0000");
/** Stands for a role name the store cannot hold; no policy allows it (role names have no spaces). */
export const UNSTORABLE_ROLE = "(unreadable role)";

const WILDCARDS_ONLY = { ...OPEN_POLICY, forbidWildcards: true };

/**
 * The role names a scope holds, as the evaluator checks them against `allowedRoles`: every string
 * `role` of a `roles` entry, and `loft-cli` for `allowLoftCli: true` (which the policy treats as that
 * role). Only for a scoped subject: the evaluator checks no roles of an unrestricted one.
 */
function rolesNamed(subject: PolicySubject): string[] {
  if (subject.unrestricted || !subject.scope) return [];
  const scope = subject.scope as Record<string, unknown>;
  const roles = new Set<string>();
  if (Array.isArray(scope.roles))
    for (const e of scope.roles) {
      const role = typeof e === "object" && e !== null ? (e as { role?: unknown }).role : undefined;
      if (typeof role === "string") roles.add(storable(role) ? role : UNSTORABLE_ROLE);
    }
  if (scope.allowLoftCli === true) roles.add(LOFT_CLI_ROLE);
  return [...roles];
}

/** An entry's facts, read with the evaluator: `has_wildcard` is its verdict under wildcards alone. */
export function ledgerFacts(entry: JudgedEntry): EntryFacts {
  const subject = subjectOfEntry(entry);
  const reached = projectsReached(subject);
  return {
    columns: {
      lifetime_seconds: subject.ttl ?? null,
      unrestricted: subject.unrestricted ? 1 : 0,
      reaches_all_projects: reached.all ? 1 : 0,
      has_wildcard: policyViolations(WILDCARDS_ONLY, subject).length > 0 ? 1 : 0,
      has_note: subject.note?.trim() ? 1 : 0,
    },
    // A name the store cannot hold is no DNS label: no policy limit and no filter names it.
    projects: [...reached.named].filter(storable),
    roles: rolesNamed(subject),
  };
}

/** Writes an entry's project and role facts (its columns go in with the entry's row). */
export async function insertFactRows(
  db: Kysely<StoreTables>,
  entryId: string,
  facts: Pick<EntryFacts, "projects" | "roles">,
): Promise<void> {
  if (facts.projects.length)
    await db
      .insertInto("ledger_projects")
      .values(facts.projects.map((project) => ({ entry_id: entryId, project })))
      .execute();
  if (facts.roles.length)
    await db
      .insertInto("ledger_roles")
      .values(facts.roles.map((role) => ({ entry_id: entryId, role })))
      .execute();
}
