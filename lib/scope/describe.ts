import { isEmptyScope } from "./schema";
import { KNOWN_ROLES, LOFT_CLI_ROLE } from "./constants";
import type {
  AccessKeyScope,
  AccessKeyScopeRole,
  AccessKeyScopeRule,
  GroupResources,
} from "./schema";

/**
 * Plain-language descriptions of an AccessKeyScope for the builder's preview and the inspector,
 * and warnings for scopes that reach more (or less) than they seem to.
 */

/** Names that exist on the platform today, when known (signed in). Keys are project names. */
export type KnownNames = {
  projects?: string[];
  spaces?: Record<string, string[]>;
  virtualClusters?: Record<string, string[]>;
  /** Cluster names the user can see today. */
  clusters?: string[];
};

export type ScopeDescription = {
  /** `unrestricted`: no scope at all; `nothing`: a scope with no entries; else `scoped`. */
  kind: "unrestricted" | "nothing" | "scoped";
  /** One sentence summing the scope up. */
  headline: string;
  /** "All projects (*): …" when a `*` project entry is present. */
  allProjects?: string;
  /** One line per named project: "Project demo: all virtual clusters; space dev". */
  projects: { project: string; text: string }[];
  /** One line per role entry: "Role vcluster (connect virtual clusters …): projects demo". */
  roles: string[];
  /** "All clusters (*): …" when a `*` cluster entry is present. */
  allClusters?: string;
  /** "Clusters eu-west-1, us-east-1" when named clusters are present. */
  clusters?: string;
  /** "Loft CLI: …" when allowLoftCli is set. */
  loftCli?: string;
  /** One line per deprecated rule: "Rule 1: get, list pods in namespace default on cluster x". */
  rules: string[];
  /** Every line above in display order (for a plain list). */
  lines: string[];
};

export type ScopeWarningLevel = "danger" | "warning" | "info";
export type ScopeWarning = {
  level: ScopeWarningLevel;
  message: string;
  /** The scope field it is about, e.g. `projects[0]`, `rules[1]`, `rules`. */
  field?: string;
};

const UNRESTRICTED =
  "Unrestricted: the token has no scope, so it can do everything the issuing user may do.";
const NOTHING = "Reaches nothing: the scope has no entries, so the token allows no request at all.";
const LOFT_CLI = "Loft CLI: read-only (get, list, watch) requests to the management API";
const LOFT_CLI_DEPRECATED = `${LOFT_CLI} (allowLoftCli, deprecated: the ${LOFT_CLI_ROLE} role replaces it)`;

/** The short text of a role this console knows, else undefined. */
export function roleText(role: string): string | undefined {
  return KNOWN_ROLES.find((r) => r.role === role)?.text;
}

/** Whether what a role lets through is public (only loft-cli's is: read-only management requests). */
const rolePublic = (role: string) => role === LOFT_CLI_ROLE;

/** "Role vcluster (connect virtual clusters to the platform), only projects demo". */
function describeRole(entry: AccessKeyScopeRole): string {
  const text = roleText(entry.role);
  const what =
    entry.role === LOFT_CLI_ROLE
      ? "read-only (get, list, watch) requests to the management API"
      : text
        ? `${text}; what it lets through is decided by the platform`
        : "a role this console does not know; what it lets through is decided by the platform";
  const limits: string[] = [];
  if (entry.projects?.length)
    limits.push(
      entry.projects.includes("*")
        ? "all projects"
        : `${entry.projects.length === 1 ? "project" : "projects"} ${names(entry.projects)}`,
    );
  if (entry.virtualClusters?.length)
    limits.push(
      entry.virtualClusters.includes("*")
        ? "all virtual clusters"
        : `${entry.virtualClusters.length === 1 ? "virtual cluster" : "virtual clusters"} ${names(entry.virtualClusters)}`,
    );
  return `Role ${entry.role}: ${what}${limits.length ? `; only for ${limits.join(" and ")}` : ""}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const names = (list: string[]) => list.join(", ");

function today(count: number | undefined, noun: string): string {
  return count === undefined
    ? `including ${noun} created later`
    : `matches ${plural(count, noun.replace(/s$/, ""), noun)} today; future ${noun} too`;
}

export function describeScope(
  scope: AccessKeyScope | undefined,
  known: KnownNames = {},
): ScopeDescription {
  const empty = { projects: [], roles: [], rules: [] };
  if (scope === undefined) {
    return { kind: "unrestricted", headline: UNRESTRICTED, ...empty, lines: [UNRESTRICTED] };
  }
  if (isEmptyScope(scope)) {
    return { kind: "nothing", headline: NOTHING, ...empty, lines: [NOTHING] };
  }
  const { allProjects, projects } = describeProjects(scope, known);
  const { allClusters, clusters, namedClusters } = describeClusters(scope, known);
  const roles = (scope.roles ?? []).map(describeRole);
  const loftCli = scope.allowLoftCli ? LOFT_CLI_DEPRECATED : undefined;
  const rules = (scope.rules ?? []).map((rule, i) => describeRule(rule, i));

  const reach: string[] = [];
  if (allProjects) reach.push("all projects");
  else if (projects.length) reach.push(plural(projects.length, "project"));
  if (allClusters) reach.push("all clusters");
  else if (namedClusters) reach.push(plural(namedClusters, "cluster"));
  if (roles.length) reach.push(plural(roles.length, "role"));
  if (loftCli) reach.push("read-only Loft CLI requests");
  if (rules.length) reach.push(plural(rules.length, "deprecated rule"));
  const headline = `Scoped: ${reach.join(", ")}.`;

  const lines = [
    ...(allProjects ? [allProjects] : []),
    ...projects.map((p) => p.text),
    ...(allClusters ? [allClusters] : []),
    ...(clusters ? [clusters] : []),
    ...roles,
    ...(loftCli ? [loftCli] : []),
    ...rules,
  ];
  return {
    kind: "scoped",
    headline,
    allProjects,
    projects,
    roles,
    allClusters,
    clusters,
    loftCli,
    rules,
    lines,
  };
}

/** What a named project's entries reach, gathered from the projects, virtual clusters and spaces. */
type ProjectReach = { project: string; whole: boolean; vcs: string[]; spaces: string[] };

/** The `*` project line, and one line per named project in the order the scope first names it. */
function describeProjects(
  scope: AccessKeyScope,
  known: KnownNames,
): Pick<ScopeDescription, "allProjects" | "projects"> {
  const allProjects = scope.projects?.some((p) => p.project === "*")
    ? `All projects (*): every space and virtual cluster of every project; ${today(known.projects?.length, "projects")}`
    : undefined;
  const byProject = new Map<string, ProjectReach>();
  const entry = (project: string) => {
    let e = byProject.get(project);
    if (!e) {
      e = { project, whole: false, vcs: [], spaces: [] };
      byProject.set(project, e);
    }
    return e;
  };
  for (const p of scope.projects ?? []) if (p.project !== "*") entry(p.project).whole = true;
  for (const v of scope.virtualClusters ?? []) entry(v.project).vcs.push(v.virtualCluster);
  for (const s of scope.spaces ?? []) entry(s.project).spaces.push(s.space);
  const projects = [...byProject.values()].map((e) => ({
    project: e.project,
    text: projectText(e, known),
  }));
  return { allProjects, projects };
}

/** "Project demo: all virtual clusters (…); space dev". */
function projectText(e: ProjectReach, known: KnownNames): string {
  const { project } = e;
  const parts: string[] = [];
  if (e.whole) parts.push("everything (all spaces and virtual clusters)");
  if (e.vcs.includes("*")) {
    parts.push(
      `all virtual clusters (${today(known.virtualClusters?.[project]?.length, "virtual clusters")})`,
    );
  }
  const vcs = unique(e.vcs.filter((v) => v !== "*"));
  if (vcs.length)
    parts.push(`${vcs.length === 1 ? "virtual cluster" : "virtual clusters"} ${names(vcs)}`);
  if (e.spaces.includes("*")) {
    parts.push(`all spaces (${today(known.spaces?.[project]?.length, "spaces")})`);
  }
  const spaces = unique(e.spaces.filter((s) => s !== "*"));
  if (spaces.length) parts.push(`${spaces.length === 1 ? "space" : "spaces"} ${names(spaces)}`);
  return `Project ${project}: ${parts.join("; ")}`;
}

/** The `*` cluster line, the named clusters' line, and how many clusters are named. */
function describeClusters(scope: AccessKeyScope, known: KnownNames) {
  const clusterNames = unique((scope.clusters ?? []).map((c) => c.cluster));
  const allClusters = clusterNames.includes("*")
    ? `All clusters (*): every cluster; ${today(known.clusters?.length, "clusters")}`
    : undefined;
  const named = clusterNames.filter((c) => c !== "*");
  const clusters = named.length
    ? `${named.length === 1 ? "Cluster" : "Clusters"} ${names(named)}`
    : undefined;
  return { allClusters, clusters, namedClusters: named.length };
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

function anyVerb(rule: AccessKeyScopeRule): boolean {
  return !rule.verbs?.length || rule.verbs.includes("*");
}

function groupResourcesText(gr: GroupResources): string {
  const res = gr.resources?.length ? names(gr.resources) : "all resources";
  const group = gr.group
    ? ` in API group ${gr.group}`
    : gr.resources?.length
      ? ""
      : " in the core API group";
  const named = gr.resourceNames?.length ? ` named ${names(gr.resourceNames)}` : "";
  return `${res}${group}${named}`;
}

/** "Rule 1: get, list pods in namespace default on cluster x" (index is 0-based). */
export function describeRule(rule: AccessKeyScopeRule, index: number): string {
  if (restrictsNothing(rule)) return `Rule ${index + 1}: any request (restricts nothing)`;
  const verbs = anyVerb(rule) ? "" : names(rule.verbs ?? []);
  const namespaces = rule.namespaces ?? [];
  let what: string;
  if (rule.resources?.length) what = rule.resources.map(groupResourcesText).join(" and ");
  else if (namespaces.length) what = "any resource";
  else if (rule.nonResourceURLs?.length) what = `non-resource URLs ${names(rule.nonResourceURLs)}`;
  else what = "";

  let text = what
    ? verbs
      ? `${verbs} ${what}`
      : `any verb on ${what}`
    : verbs
      ? `${verbs} requests`
      : "any request";
  if (namespaces.length) {
    const named = namespaces.filter((n) => n !== "");
    const parts = named.length
      ? [`${named.length === 1 ? "namespace" : "namespaces"} ${names(named)}`]
      : [];
    if (namespaces.includes("")) parts.push("non-namespaced (cluster-scoped)");
    text += ` in ${parts.join(" and ")}`;
  }
  if (rule.requestTargets?.length) text += ` for ${rule.requestTargets.join(", ")} requests`;
  if (rule.cluster) text += ` on cluster ${rule.cluster}`;
  if (rule.virtualClusters?.length) {
    const vcs = rule.virtualClusters.map(
      (vc) =>
        `${vc.name ? `virtual cluster ${vc.name}` : "any virtual cluster"}${vc.namespace ? ` in namespace ${vc.namespace}` : ""}`,
    );
    text += ` (virtual cluster requests only to ${vcs.join(" or ")})`;
  }
  return `Rule ${index + 1}: ${text}`;
}

/** A rule that sets no axis (or only `*` verbs) matches every request. */
function restrictsNothing(rule: AccessKeyScopeRule): boolean {
  return (
    anyVerb(rule) &&
    !rule.resources?.length &&
    !rule.namespaces?.length &&
    !rule.nonResourceURLs?.length &&
    !rule.requestTargets?.length &&
    !rule.cluster &&
    !rule.virtualClusters?.length
  );
}

const LEVEL_ORDER: Record<ScopeWarningLevel, number> = { danger: 0, warning: 1, info: 2 };

/** Warnings about a scope, most serious first. */
export function scopeWarnings(
  scope: AccessKeyScope | undefined,
  known: KnownNames = {},
): ScopeWarning[] {
  if (scope === undefined) return [{ level: "danger", message: UNRESTRICTED }];
  if (isEmptyScope(scope)) {
    return [
      {
        level: "warning",
        message:
          "This scope allows nothing: the token cannot reach any project, space, virtual cluster, cluster or the management API.",
      },
    ];
  }
  const out: ScopeWarning[] = [];
  const add: Add = (level, message, field) =>
    out.push(field ? { level, message, field } : { level, message });
  const wholeProjects = projectWarnings(scope, known, add);
  instanceWarnings(scope, known, wholeProjects, add);
  clusterWarnings(scope, known, add);
  roleWarnings(scope, add);
  ruleWarnings(scope.rules ?? [], add);
  return out.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

type Add = (level: ScopeWarningLevel, message: string, field?: string) => void;

/** Warns when the platform has no project `project` (a typo); says whether it warned. */
function unknownProject(known: KnownNames, add: Add, project: string, field: string): boolean {
  if (known.projects && !known.projects.includes(project)) {
    add("warning", `Project ${project} does not exist on the platform (a typo?).`, field);
    return true;
  }
  return false;
}

/** Whole projects: `*` and unknown names. Returns each project's first index (`*` included). */
function projectWarnings(scope: AccessKeyScope, known: KnownNames, add: Add) {
  const wholeProjects = new Map<string, number>();
  (scope.projects ?? []).forEach((p, i) => {
    if (!wholeProjects.has(p.project)) wholeProjects.set(p.project, i);
    if (p.project === "*") {
      add(
        "warning",
        `All projects (*): the token reaches every space and virtual cluster of every project; ${today(known.projects?.length, "projects")}.`,
        `projects[${i}]`,
      );
    } else {
      unknownProject(known, add, p.project, `projects[${i}]`);
    }
  });
  return wholeProjects;
}

/** Spaces and virtual clusters: covered by a whole project, `*`, unknown projects and names. */
function instanceWarnings(
  scope: AccessKeyScope,
  known: KnownNames,
  wholeProjects: Map<string, number>,
  add: Add,
) {
  const coveredBy = (project: string) => wholeProjects.get("*") ?? wholeProjects.get(project);
  const children = [
    {
      key: "spaces",
      noun: "space",
      nouns: "spaces",
      list: scope.spaces?.map((s) => [s.project, s.space] as const),
      knownBy: known.spaces,
    },
    {
      key: "virtualClusters",
      noun: "virtual cluster",
      nouns: "virtual clusters",
      list: scope.virtualClusters?.map((v) => [v.project, v.virtualCluster] as const),
      knownBy: known.virtualClusters,
    },
  ];
  for (const { key, noun, nouns, list, knownBy } of children) {
    (list ?? []).forEach(([project, name], i) => {
      const field = `${key}[${i}]`;
      const cover = coveredBy(project);
      if (cover !== undefined) {
        add(
          "info",
          `${field} (project ${project}, ${name === "*" ? `all ${nouns}` : `${noun} ${name}`}) is already covered by projects[${cover}].`,
          field,
        );
      }
      if (unknownProject(known, add, project, field)) return;
      const existing = knownBy?.[project];
      if (name === "*") {
        add(
          "info",
          `All ${nouns} of project ${project} (*): ${today(existing?.length, nouns)}.`,
          field,
        );
      } else if (existing && !existing.includes(name)) {
        add(
          "warning",
          `${noun[0]!.toUpperCase()}${noun.slice(1)} ${name} does not exist in project ${project} (a typo?).`,
          field,
        );
      }
    });
  }
}

function clusterWarnings(scope: AccessKeyScope, known: KnownNames, add: Add) {
  (scope.clusters ?? []).forEach((c, i) => {
    const field = `clusters[${i}]`;
    if (c.cluster === "*") {
      add(
        "warning",
        `All clusters (*): the token reaches every cluster; ${today(known.clusters?.length, "clusters")}.`,
        field,
      );
    } else if (known.clusters && !known.clusters.includes(c.cluster)) {
      add("warning", `Cluster ${c.cluster} does not exist on the platform (a typo?).`, field);
    }
  });
}

/** Roles whose rules are not public or not known, removed roles, and `allowLoftCli`. */
function roleWarnings(scope: AccessKeyScope, add: Add) {
  (scope.roles ?? []).forEach((r, i) => {
    const field = `roles[${i}]`;
    if (rolePublic(r.role)) return;
    add(
      "warning",
      roleText(r.role)
        ? `Role ${r.role}: what it lets through is decided by platform code that is not public, so this console cannot say exactly what the token may do with it.`
        : `Role ${r.role} is not a role this console knows (a typo, or a newer platform?); what it lets through is decided by the platform.`,
      field,
    );
    if (r.role === "runner")
      add(
        "info",
        "Role runner was removed in platform API v4.11; newer platforms may refuse it.",
        field,
      );
  });
  if (scope.allowLoftCli) {
    add(
      "warning",
      `allowLoftCli is deprecated: use the ${LOFT_CLI_ROLE} role instead (${LOFT_CLI} are allowed).`,
      "allowLoftCli",
    );
  }
}

/** Deprecated rules: that they are there, and each rule that restricts less than it seems. */
function ruleWarnings(rules: AccessKeyScopeRule[], add: Add) {
  if (rules.length) {
    add(
      "warning",
      "Deprecated rules present: the platform may drop them; use projects, spaces and virtual clusters instead.",
      "rules",
    );
  }
  rules.forEach((rule, i) => {
    const field = `rules[${i}]`;
    const n = i + 1;
    if (restrictsNothing(rule)) {
      add(
        "danger",
        `Rule ${n} restricts nothing: it allows every request, so the token is effectively unrestricted.`,
        field,
      );
      return;
    }
    const targetsOpen = !rule.requestTargets?.length && !rule.cluster;
    const kubeOpen =
      !rule.resources?.length && !rule.namespaces?.length && !rule.nonResourceURLs?.length;
    if (targetsOpen && rule.virtualClusters?.length) {
      add(
        "danger",
        `Rule ${n} limits only virtual cluster requests: its virtualClusters do not restrict Management, Cluster or ProjectSpace requests. Add requestTargets: [ProjectVirtualCluster] to keep it to virtual clusters.`,
        field,
      );
    } else if (targetsOpen && kubeOpen) {
      add(
        "danger",
        `Rule ${n} restricts only verbs (${names(rule.verbs ?? [])}): it matches every cluster, space, virtual cluster and the management API.`,
        field,
      );
    } else if (kubeOpen && anyVerb(rule) && !rule.virtualClusters?.length) {
      const where = rule.cluster
        ? `cluster ${rule.cluster}`
        : `${rule.requestTargets?.join(", ")} targets`;
      add("info", `Rule ${n} allows every request to ${where}.`, field);
    } else if (targetsOpen) {
      add(
        "info",
        `Rule ${n} sets no requestTargets or cluster, so it also applies to the management API and every cluster.`,
        field,
      );
    }
  });
}
