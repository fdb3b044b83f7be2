import { sameJson } from "@/lib/same-json";
import { LOFT_CLI_ROLE } from "./constants";
import type { AccessKeyScope, AccessKeyScopeRole } from "./schema";

/**
 * Whether a requested scope stays within the scope of the access key that asks for it: what the local
 * platform checks before a scoped key issues a token or a key, and what the builder marks before
 * issuing. Each entry of `inner` must be covered by an entry of `outer` (`*` covers every name).
 * Deprecated rules are covered only by the same rule (their union is not comparable in general).
 * Whether a real platform checks this is not public; this is our reading of what it must do.
 */

export type ScopeExcess = { field: string; message: string };

const covers = (outer: string, inner: string) => outer === "*" || outer === inner;
const coversAll = (outer: string[] | undefined, inner: string[] | undefined) => {
  if (!outer?.length || outer.includes("*")) return true; // no limit
  if (!inner?.length) return false; // inner has no limit, outer has one
  return inner.every((v) => outer.includes(v));
};

function roleCovered(outer: AccessKeyScope, role: AccessKeyScopeRole): boolean {
  if (role.role === LOFT_CLI_ROLE && outer.allowLoftCli) return true;
  return (outer.roles ?? []).some(
    (o) =>
      o.role === role.role &&
      coversAll(o.projects, role.projects) &&
      coversAll(o.virtualClusters, role.virtualClusters),
  );
}

/** What `inner` asks for beyond `outer`; empty when it stays within. `undefined` = unrestricted. */
export function scopeExcess(
  inner: AccessKeyScope | undefined,
  outer: AccessKeyScope | undefined,
  prefix = "spec.scope",
): ScopeExcess[] {
  if (outer === undefined) return [];
  if (inner === undefined) {
    return [
      {
        field: prefix,
        message:
          "an unrestricted request is beyond this access key's own scope: name what it may reach",
      },
    ];
  }
  const out: ScopeExcess[] = [];
  const beyond = (field: string, what: string) =>
    out.push({ field: `${prefix}.${field}`, message: `${what} is beyond this access key's scope` });
  const projectCovered = (project: string) =>
    (outer.projects ?? []).some((p) => covers(p.project, project));

  inner.roles?.forEach((role, i) => {
    if (!roleCovered(outer, role)) beyond(`roles[${i}]`, `role ${role.role}`);
  });
  inner.projects?.forEach((p, i) => {
    if (!projectCovered(p.project))
      beyond(`projects[${i}]`, p.project === "*" ? "all projects (*)" : `project ${p.project}`);
  });
  inner.spaces?.forEach((s, i) => {
    const ok =
      projectCovered(s.project) ||
      (outer.spaces ?? []).some((o) => o.project === s.project && covers(o.space, s.space));
    if (!ok) beyond(`spaces[${i}]`, `space ${s.space} of project ${s.project}`);
  });
  inner.virtualClusters?.forEach((v, i) => {
    const ok =
      projectCovered(v.project) ||
      (outer.virtualClusters ?? []).some(
        (o) => o.project === v.project && covers(o.virtualCluster, v.virtualCluster),
      );
    if (!ok)
      beyond(
        `virtualClusters[${i}]`,
        `virtual cluster ${v.virtualCluster} of project ${v.project}`,
      );
  });
  inner.clusters?.forEach((c, i) => {
    if (!(outer.clusters ?? []).some((o) => covers(o.cluster, c.cluster)))
      beyond(`clusters[${i}]`, c.cluster === "*" ? "all clusters (*)" : `cluster ${c.cluster}`);
  });
  inner.rules?.forEach((rule, i) => {
    if (!(outer.rules ?? []).some((o) => sameJson(o, rule)))
      beyond(`rules[${i}]`, `rule ${i + 1} (a deprecated rule is covered only by the same rule)`);
  });
  if (inner.allowLoftCli && !outer.allowLoftCli && !roleCovered(outer, { role: LOFT_CLI_ROLE })) {
    beyond("allowLoftCli", "Loft CLI access");
  }
  return out;
}
