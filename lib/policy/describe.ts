import { formatDuration } from "@/lib/token/time";
import { OPEN_POLICY, type IssuancePolicy } from "./policy";

/*
 * The policy in words, for the Policy page's history, the audit's timeline and its export.
 */

const lifetime = (s: number | null) => (s === null ? "no limit" : formatDuration(s));
const onOff = (b: boolean) => (b ? "on" : "off");
const roles = (r: readonly string[] | null) => (r === null ? "any" : r.join(", ") || "none");

/** Each setting of the policy as "name: value". */
export function describePolicy(policy: IssuancePolicy): string[] {
  return [
    `Maximum token lifetime: ${lifetime(policy.maxTtl.token)}`,
    `Maximum access key lifetime: ${lifetime(policy.maxTtl.accessKey)}`,
    ...policy.projectMaxTtl.map((p) => `Project ${p.project}: at most ${lifetime(p.maxTtl)}`),
    `Require a note: ${onOff(policy.requireNote)}`,
    `Forbid unrestricted credentials: ${onOff(policy.forbidUnrestricted)}`,
    `Forbid wildcards: ${onOff(policy.forbidWildcards)}`,
    `Allowed roles: ${roles(policy.allowedRoles)}`,
  ];
}

/** What a change did, one line per setting that changed: "Require a note: off → on". */
export function describePolicyChange(
  before: IssuancePolicy | null,
  after: IssuancePolicy,
): string[] {
  const was = before ?? OPEN_POLICY;
  const lines: string[] = [];
  const compare = (name: string, a: string, b: string) => {
    if (a !== b) lines.push(`${name}: ${a} → ${b}`);
  };
  compare("Maximum token lifetime", lifetime(was.maxTtl.token), lifetime(after.maxTtl.token));
  compare(
    "Maximum access key lifetime",
    lifetime(was.maxTtl.accessKey),
    lifetime(after.maxTtl.accessKey),
  );
  const projects = new Set([...was.projectMaxTtl, ...after.projectMaxTtl].map((p) => p.project));
  for (const project of [...projects].sort()) {
    const a = was.projectMaxTtl.find((p) => p.project === project)?.maxTtl ?? null;
    const b = after.projectMaxTtl.find((p) => p.project === project)?.maxTtl ?? null;
    compare(`Project ${project} lifetime`, lifetime(a), lifetime(b));
  }
  compare("Require a note", onOff(was.requireNote), onOff(after.requireNote));
  compare(
    "Forbid unrestricted credentials",
    onOff(was.forbidUnrestricted),
    onOff(after.forbidUnrestricted),
  );
  compare("Forbid wildcards", onOff(was.forbidWildcards), onOff(after.forbidWildcards));
  compare("Allowed roles", roles(was.allowedRoles), roles(after.allowedRoles));
  return lines.length ? lines : ["No setting changed"];
}
