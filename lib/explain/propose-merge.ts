import type { AccessKeyScope, AccessKeyScopeRole, AccessKeyScopeRule } from "@/lib/scope/schema";
import { scopeExcess } from "@/lib/scope/subset";
import { LOFT_CLI_ROLE } from "@/lib/scope/constants";

/**
 * One scope from the entries chosen for each request: repeats once, target entries sorted,
 * entries another chosen entry already covers left out (a named virtual cluster of a project that
 * is in `projects`, a `loft-cli` role limited to such projects), `loft-cli` roles joined into one
 * and synthesized rules that differ only in verbs joined — each join kept only while the
 * credential (`bound`) still covers it.
 */

const byKey = <T>(items: T[], key: (t: T) => string) => {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return [...map.values()].sort((a, b) => key(a).localeCompare(key(b)));
};
const json = (v: unknown) => JSON.stringify(v);

const within = (inner: AccessKeyScope, bound: AccessKeyScope | undefined) =>
  scopeExcess(inner, bound).length === 0;

function joinLoftCli(roles: AccessKeyScopeRole[], bound: AccessKeyScope | undefined) {
  const cli = roles.filter((r) => r.role === LOFT_CLI_ROLE);
  if (cli.length < 2) return roles;
  const unlimited = cli.some((r) => !r.projects?.length);
  const projects = [...new Set(cli.flatMap((r) => r.projects ?? []))].sort();
  const joined: AccessKeyScopeRole = unlimited
    ? { role: LOFT_CLI_ROLE }
    : { role: LOFT_CLI_ROLE, projects };
  if (!within({ roles: [joined] }, bound)) return roles;
  return [joined, ...roles.filter((r) => r.role !== LOFT_CLI_ROLE)];
}

function joinRuleVerbs(rules: AccessKeyScopeRule[], bound: AccessKeyScope | undefined) {
  const groups = new Map<string, AccessKeyScopeRule[]>();
  for (const rule of rules) {
    const { verbs: _, ...rest } = rule;
    const key = json({ ...rest, anyVerb: !rule.verbs?.length });
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  return [...groups.values()].flatMap((group) => {
    if (group.length < 2 || !group[0]!.verbs?.length) return group.slice(0, 1);
    const verbs = [...new Set(group.flatMap((r) => r.verbs ?? []))].sort();
    const joined = { ...group[0]!, verbs };
    return within({ rules: [joined] }, bound) ? [joined] : group;
  });
}

/** A loft-cli role limited to projects that `projects` entries admit whole: it adds nothing. */
const projectsCover = (role: AccessKeyScopeRole, projects: { project: string }[]) =>
  role.role === LOFT_CLI_ROLE &&
  !role.virtualClusters?.length &&
  (role.projects?.length ?? 0) > 0 &&
  role.projects!.every((p) => projects.some((e) => e.project === "*" || e.project === p));

/** Target entries that the other target entries of `scope` already cover. */
function withoutCovered(scope: AccessKeyScope): AccessKeyScope {
  const targets = {
    projects: scope.projects ?? [],
    spaces: scope.spaces ?? [],
    virtualClusters: scope.virtualClusters ?? [],
    clusters: scope.clusters ?? [],
  };
  const covered = <K extends keyof typeof targets>(list: K, i: number) => {
    const entry = targets[list][i]!;
    const others = { ...targets, [list]: targets[list].filter((_, j) => j !== i) };
    return within({ [list]: [entry] }, others);
  };
  const keep = <K extends keyof typeof targets>(list: K) =>
    targets[list].filter((_, i) => !covered(list, i)) as (typeof targets)[K];
  const out: AccessKeyScope = { ...scope };
  for (const list of ["projects", "spaces", "virtualClusters", "clusters"] as const) {
    const kept = keep(list);
    if (kept.length) Object.assign(out, { [list]: kept });
    else delete out[list];
  }
  return out;
}

/** The chosen one-entry scopes as one scope, within `bound` (undefined = no bound). */
export function mergeEntries(
  parts: AccessKeyScope[],
  bound: AccessKeyScope | undefined,
): AccessKeyScope {
  type ListKey = Exclude<keyof AccessKeyScope, "allowLoftCli">;
  const all = <K extends ListKey>(k: K): NonNullable<AccessKeyScope[K]> =>
    parts.flatMap((p) => (p[k] ?? []) as unknown[]) as NonNullable<AccessKeyScope[K]>;
  const scope: AccessKeyScope = {};
  const projects = byKey(all("projects"), (e) => e.project);
  const spaces = byKey(all("spaces"), (e) => `${e.project}/${e.space}`);
  const virtualClusters = byKey(all("virtualClusters"), (e) => `${e.project}/${e.virtualCluster}`);
  const clusters = byKey(all("clusters"), (e) => e.cluster);
  const roles = joinLoftCli(byKey(all("roles"), json), bound).filter(
    (r) => !projectsCover(r, projects),
  );
  const rules = joinRuleVerbs(byKey(all("rules"), json), bound);
  if (roles.length) scope.roles = roles;
  if (projects.length) scope.projects = projects;
  if (spaces.length) scope.spaces = spaces;
  if (virtualClusters.length) scope.virtualClusters = virtualClusters;
  if (clusters.length) scope.clusters = clusters;
  if (rules.length) scope.rules = rules;
  if (parts.some((p) => p.allowLoftCli)) scope.allowLoftCli = true;
  return withoutCovered(scope);
}
