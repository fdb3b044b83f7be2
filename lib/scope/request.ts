import * as z from "zod/mini";
import {
  DirectClusterEndpointTokenSpec,
  isEmptyScope,
  type AccessKeyScope,
  type AccessKeyScopeRole,
} from "@/lib/scope/schema";
import { NOTE_MAX_LENGTH } from "@/lib/scope/constants";
import { oversizedLists } from "@/lib/scope/limits";

/**
 * What the dashboard asks the issue-token action for: the token's spec, whether the user chose an
 * unrestricted token on purpose, and an optional note for the ledger. The action parses it, and the
 * scope builder's form validates by it (lib/scope/form-schema.ts), so each rule below is stated only here.
 *
 * Three rules are the console's own, not the platform's (which accepts all): a scoped token must
 * name something, no scope list names the same entry twice, and no list has more than
 * MAX_SCOPE_ENTRIES entries (limits.ts). The access key request (access-key-request.ts) shares them
 * through `scopeRequestIssues`.
 */
export const EMPTY_SCOPE_MESSAGE =
  "Choose at least one project, space, virtual cluster, cluster, role or rule, or choose an unrestricted token. A scope with no entries reaches nothing.";

/**
 * What makes two entries of a scope list the same entry, and how one is named when it repeats.
 * Rules are left out: a rule is often duplicated on purpose and then changed.
 */
export const SAME_ENTRY = {
  roles: {
    key: (r: AccessKeyScopeRole) =>
      JSON.stringify([r.role, r.projects ?? [], r.virtualClusters ?? []]),
    what: "This role",
  },
  projects: { key: (p: { project: string }) => p.project, what: "This project" },
  spaces: {
    key: (s: { project: string; space: string }) => `${s.project}/${s.space}`,
    what: "This space",
  },
  virtualClusters: {
    key: (v: { project: string; virtualCluster: string }) => `${v.project}/${v.virtualCluster}`,
    what: "This virtual cluster",
  },
  clusters: { key: (c: { cluster: string }) => c.cluster, what: "This cluster" },
} as const;

/** The path and message of each entry that repeats an earlier one of its list. */
function repeatedEntries(scope: AccessKeyScope) {
  const found: { path: [keyof typeof SAME_ENTRY, number]; message: string }[] = [];
  for (const list of Object.keys(SAME_ENTRY) as (keyof typeof SAME_ENTRY)[]) {
    const { key, what } = SAME_ENTRY[list] as { key: (entry: unknown) => string; what: string };
    const entries: readonly unknown[] = scope[list] ?? [];
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      const k = key(entry);
      if (seen.has(k))
        found.push({ path: [list, index], message: `${what} is already in the list` });
      seen.add(k);
    });
  }
  return found;
}

/** The note kept in the console's ledger with a token or an access key (never sent to the platform). */
export const LedgerNote = z.optional(
  z
    .string()
    .check(
      z.trim(),
      z.maxLength(NOTE_MAX_LENGTH, `Keep the note under ${NOTE_MAX_LENGTH} characters`),
    ),
);

/**
 * The console's rules for a credential's scope, the same for a token and an access key (`what`
 * names it): an unrestricted one carries no scope, a scoped one names something, no entry repeats,
 * no list is longer than MAX_SCOPE_ENTRIES. Paths are the request's (`spec.scope…`).
 */
export function scopeRequestIssues(
  unrestricted: boolean,
  scope: AccessKeyScope | undefined,
  what: "token" | "access key",
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (unrestricted && scope)
    issues.push({ path: ["spec", "scope"], message: `An unrestricted ${what} carries no scope` });
  if (!unrestricted && (!scope || isEmptyScope(scope)))
    issues.push({
      path: ["spec", "scope"],
      message:
        what === "token"
          ? EMPTY_SCOPE_MESSAGE
          : EMPTY_SCOPE_MESSAGE.replace("an unrestricted token", `an unrestricted ${what}`),
    });
  for (const { path, message } of scope ? repeatedEntries(scope) : [])
    issues.push({ path: ["spec", "scope", ...path], message });
  for (const { list, message } of scope ? oversizedLists(scope) : [])
    issues.push({ path: ["spec", "scope", list], message });
  return issues;
}

export const IssueTokenRequest = z
  .object({
    unrestricted: z.boolean({ error: "must be true or false" }),
    spec: DirectClusterEndpointTokenSpec,
    /** What the token is for, kept in the console's ledger (never sent to the platform). */
    note: LedgerNote,
  })
  .check(
    z.superRefine((value, ctx) => {
      for (const issue of scopeRequestIssues(value.unrestricted, value.spec.scope, "token"))
        ctx.addIssue({ code: "custom", ...issue });
    }),
  );

export type IssueTokenRequest = z.infer<typeof IssueTokenRequest>;
