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
 * MAX_SCOPE_ENTRIES entries (limits.ts).
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

export const IssueTokenRequest = z
  .object({
    unrestricted: z.boolean({ error: "must be true or false" }),
    spec: DirectClusterEndpointTokenSpec,
    /** What the token is for, kept in the console's ledger (never sent to the platform). */
    note: z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.maxLength(NOTE_MAX_LENGTH, `Keep the note under ${NOTE_MAX_LENGTH} characters`),
        ),
    ),
  })
  .check(
    z.superRefine((value, ctx) => {
      const scope = value.spec.scope;
      if (value.unrestricted && scope) {
        ctx.addIssue({
          code: "custom",
          path: ["spec", "scope"],
          message: "An unrestricted token carries no scope",
        });
      }
      if (!value.unrestricted && (!scope || isEmptyScope(scope))) {
        ctx.addIssue({ code: "custom", path: ["spec", "scope"], message: EMPTY_SCOPE_MESSAGE });
      }
      for (const { path, message } of scope ? repeatedEntries(scope) : []) {
        ctx.addIssue({ code: "custom", path: ["spec", "scope", ...path], message });
      }
      for (const { list, message } of scope ? oversizedLists(scope) : []) {
        ctx.addIssue({ code: "custom", path: ["spec", "scope", list], message });
      }
    }),
  );

export type IssueTokenRequest = z.infer<typeof IssueTokenRequest>;
