import { formatDuration } from "@/lib/token/time";
import { CREDENTIAL_WORDS, maxTtlFor, scopeList, stringList } from "./lifetime";
import type { IssuancePolicy, PolicySubject } from "./policy";

/*
 * The one evaluator of the issuance policy. The builder runs it as the user types (and offers no
 * lifetime beyond `maxTtlFor`, lifetime.ts), the issue actions run it before calling the platform, the CI check
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
  scopeList(scope, "projects").forEach((e, i) => {
    if (e.project === "*")
      found.push({ field: `spec.scope.projects[${i}].project`, message: message("projects") });
  });
  scopeList(scope, "spaces").forEach((e, i) => {
    if (e.space === "*")
      found.push({ field: `spec.scope.spaces[${i}].space`, message: message("spaces") });
  });
  scopeList(scope, "virtualClusters").forEach((e, i) => {
    if (e.virtualCluster === "*")
      found.push({
        field: `spec.scope.virtualClusters[${i}].virtualCluster`,
        message: message("virtual clusters"),
      });
  });
  scopeList(scope, "clusters").forEach((e, i) => {
    if (e.cluster === "*")
      found.push({ field: `spec.scope.clusters[${i}].cluster`, message: message("clusters") });
  });
  scopeList(scope, "roles").forEach((e, i) => {
    stringList(e.projects).forEach((p, j) => {
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
  scopeList(scope, "roles").forEach((e, i) => {
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
      message: `The console's policy forbids unrestricted ${CREDENTIAL_WORDS[subject.credential]}: choose what it may reach`,
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
