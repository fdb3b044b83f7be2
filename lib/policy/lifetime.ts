import type { Credential } from "@/lib/scope/constants";
import { formatDuration } from "@/lib/token/time";
import type { IssuancePolicy, PolicySubject } from "./policy";

/*
 * The lifetimes the issuance policy allows: the longest for a credential and the projects its scope
 * reaches. The builder offers no lifetime beyond it, and the evaluator (evaluate.ts) refuses one.
 * Pure and small: the builder loads it with the page, the evaluator's messages later.
 */

type Entry = Record<string, unknown>;

/** A scope's list `list` (projects, spaces, …), its object entries only: read leniently. */
export const scopeList = (scope: unknown, list: string): Entry[] => {
  const value = (scope as Record<string, unknown> | undefined)?.[list];
  return Array.isArray(value)
    ? value.filter((e): e is Entry => typeof e === "object" && e !== null)
    : [];
};

/** The strings of a list read leniently. */
export const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

export const CREDENTIAL_WORDS: Record<Credential, string> = {
  token: "tokens",
  accesskey: "access keys",
};

/** Every project a scope names, and whether it reaches all projects (`*`, or no scope at all). */
export function projectsReached(subject: Pick<PolicySubject, "unrestricted" | "scope">): {
  all: boolean;
  named: Set<string>;
} {
  const named = new Set<string>();
  if (subject.unrestricted || !subject.scope) return { all: true, named };
  let all = false;
  const add = (p: unknown) => {
    if (p === "*") all = true;
    else if (typeof p === "string" && p) named.add(p);
  };
  for (const e of scopeList(subject.scope, "projects")) add(e.project);
  for (const e of scopeList(subject.scope, "spaces")) add(e.project);
  for (const e of scopeList(subject.scope, "virtualClusters")) add(e.project);
  for (const e of scopeList(subject.scope, "roles")) stringList(e.projects).forEach(add);
  return { all, named };
}

/** A lifetime limit and the words that say where it comes from. */
export interface LifetimeLimit {
  seconds: number;
  reason: string;
}

/**
 * The longest lifetime the policy allows for this credential and scope, with its reason, or
 * undefined when none applies: the kind's maximum and that of every project the scope reaches
 * (all of them, for `*` or an unrestricted credential), whichever is shortest.
 */
export function maxTtlFor(
  policy: IssuancePolicy,
  subject: Pick<PolicySubject, "credential" | "unrestricted" | "scope">,
): LifetimeLimit | undefined {
  let limit: LifetimeLimit | undefined;
  const consider = (seconds: number | null, reason: string) => {
    if (seconds !== null && (limit === undefined || seconds < limit.seconds))
      limit = { seconds, reason };
  };
  const kindMax =
    subject.credential === "accesskey" ? policy.maxTtl.accessKey : policy.maxTtl.token;
  consider(
    kindMax,
    `the console's policy allows ${CREDENTIAL_WORDS[subject.credential]} at most ${formatDuration(kindMax ?? 0)}`,
  );
  const { all, named } = projectsReached(subject);
  for (const { project, maxTtl } of policy.projectMaxTtl) {
    if (all || named.has(project))
      consider(
        maxTtl,
        `the console's policy allows credentials reaching project ${project}${all && !named.has(project) ? " (which * includes)" : ""} at most ${formatDuration(maxTtl)}`,
      );
  }
  return limit;
}
