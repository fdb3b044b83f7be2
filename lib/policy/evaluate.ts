import type { Credential } from "@/lib/scope/constants";
import { formatDuration } from "@/lib/token/time";
import type { IssuancePolicy } from "./policy";

/*
 * The one evaluator of the issuance policy. The builder runs it as the user types (and offers no
 * lifetime beyond `maxTtlFor`), the issue actions run it before calling the platform, the CI check
 * runs it on a manifest, and the audit runs it on every ledger entry. Pure: no I/O, safe in the
 * browser. Fields are the request's (`unrestricted`, `spec.ttl`, `note`,
 * `spec.scope.projects[0].project`), as in a Kubernetes Status cause; the builder shows each at its
 * field (lib/scope/form-fields.ts).
 */

/** One way a request breaks the policy. */
export interface PolicyViolation {
  field: string;
  message: string;
}

/** What the policy judges: a request for a token or an access key, or a ledger entry of one. */
export interface PolicySubject {
  credential: Credential;
  /** No scope, chosen on purpose (or an issued credential that carries none). */
  unrestricted: boolean;
  /** Seconds the credential lives; undefined = a key that never expires, or a token left to the platform's default. */
  ttl?: number;
  /** Read leniently: a ledger entry or a pasted manifest may hold more than the console writes. */
  scope?: unknown;
  note?: string | null;
}

type Entry = Record<string, unknown>;

const entries = (scope: unknown, list: string): Entry[] => {
  const value = (scope as Record<string, unknown> | undefined)?.[list];
  return Array.isArray(value)
    ? value.filter((e): e is Entry => typeof e === "object" && e !== null)
    : [];
};

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

const KIND_WORDS: Record<Credential, string> = { token: "tokens", accesskey: "access keys" };

/** Every project a scope names, and whether it reaches all projects (`*`, or no scope at all). */
export function projectsReached(
  subject: Pick<PolicySubject, "unrestricted" | "scope">,
): { all: boolean; named: Set<string> } {
  const named = new Set<string>();
  if (subject.unrestricted || !subject.scope) return { all: true, named };
  let all = false;
  const add = (p: unknown) => {
    if (p === "*") all = true;
    else if (typeof p === "string" && p) named.add(p);
  };
  for (const e of entries(subject.scope, "projects")) add(e.project);
  for (const e of entries(subject.scope, "spaces")) add(e.project);
  for (const e of entries(subject.scope, "virtualClusters")) add(e.project);
  for (const e of entries(subject.scope, "roles")) strings(e.projects).forEach(add);
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
  const kindMax = subject.credential === "accesskey" ? policy.maxTtl.accessKey : policy.maxTtl.token;
  consider(
    kindMax,
    `the console's policy allows ${KIND_WORDS[subject.credential]} at most ${formatDuration(kindMax ?? 0)}`,
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

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function lifetimeViolations(policy: IssuancePolicy, subject: PolicySubject): PolicyViolation[] {
  const limit = maxTtlFor(policy, subject);
  if (!limit) return [];
  if (subject.ttl === undefined)
    return [
      {
        field: "spec.ttl",
        message:
          subject.credential === "accesskey"
            ? `${capitalized(limit.reason)}: choose a time to live, not No expiry`
            : `${capitalized(limit.reason)}: set a time to live`,
      },
    ];
  if (subject.ttl > limit.seconds)
    return [
      {
        field: "spec.ttl",
        message: `${capitalized(limit.reason)}; ${formatDuration(subject.ttl)} is longer`,
      },
    ];
  return [];
}

/** The wildcard entries of a scope, by field. */
function wildcardViolations(scope: unknown): PolicyViolation[] {
  const found: PolicyViolation[] = [];
  const message = (what: string) =>
    `The console's policy forbids wildcards: name the ${what} instead of *`;
  entries(scope, "projects").forEach((e, i) => {
    if (e.project === "*")
      found.push({ field: `spec.scope.projects[${i}].project`, message: message("projects") });
  });
  entries(scope, "spaces").forEach((e, i) => {
    if (e.space === "*")
      found.push({ field: `spec.scope.spaces[${i}].space`, message: message("spaces") });
  });
  entries(scope, "virtualClusters").forEach((e, i) => {
    if (e.virtualCluster === "*")
      found.push({
        field: `spec.scope.virtualClusters[${i}].virtualCluster`,
        message: message("virtual clusters"),
      });
  });
  entries(scope, "clusters").forEach((e, i) => {
    if (e.cluster === "*")
      found.push({ field: `spec.scope.clusters[${i}].cluster`, message: message("clusters") });
  });
  entries(scope, "roles").forEach((e, i) => {
    strings(e.projects).forEach((p, j) => {
      if (p === "*")
        found.push({
          field: `spec.scope.roles[${i}].projects[${j}]`,
          message: message("role's projects"),
        });
    });
  });
  return found;
}

function roleViolations(allowed: readonly string[], scope: unknown): PolicyViolation[] {
  const words = allowed.length ? allowed.join(", ") : "none";
  const found: PolicyViolation[] = [];
  entries(scope, "roles").forEach((e, i) => {
    if (typeof e.role === "string" && !allowed.includes(e.role))
      found.push({
        field: `spec.scope.roles[${i}].role`,
        message: `The console's policy does not allow role ${e.role} (allowed: ${words})`,
      });
  });
  const scopeObject = scope as Record<string, unknown> | undefined;
  if (scopeObject?.allowLoftCli === true && !allowed.includes("loft-cli"))
    found.push({
      field: "spec.scope.allowLoftCli",
      message: `The console's policy does not allow the Loft CLI (role loft-cli; allowed: ${words})`,
    });
  return found;
}

/** Every way `subject` breaks `policy`, in the order the form shows its fields; [] when it keeps it. */
export function policyViolations(
  policy: IssuancePolicy,
  subject: PolicySubject,
): PolicyViolation[] {
  const found: PolicyViolation[] = [];
  if (policy.forbidUnrestricted && subject.unrestricted)
    found.push({
      field: "unrestricted",
      message: `The console's policy forbids unrestricted ${KIND_WORDS[subject.credential]}: choose what it may reach`,
    });
  found.push(...lifetimeViolations(policy, subject));
  if (!subject.unrestricted && subject.scope) {
    if (policy.forbidWildcards) found.push(...wildcardViolations(subject.scope));
    if (policy.allowedRoles) found.push(...roleViolations(policy.allowedRoles, subject.scope));
  }
  if (policy.requireNote && !subject.note?.trim())
    found.push({
      field: "note",
      message: "The console's policy requires a note: say what this credential is for",
    });
  return found;
}
