import type { AccessKeyScope } from "@/lib/scope/schema";
import { BudgetSpent, budgetNote, MAX_PLATFORM_REQUESTS, RequestBudget } from "./budget";
import { directEndpoint, type TargetKind } from "./endpoint";
import { memoizeSource } from "./memo-source";
import { entryRanges, scopeEntries, type InstanceKind, type ScopeEntry } from "./scope-entries";
import type {
  OpenSource,
  ResolvedTarget,
  SourceCluster,
  SourceInstance,
  TargetsResult,
} from "./targets";

/**
 * Which targets a token's scope reaches, read the way the official CLI reads them for a user: an
 * instance's cluster from its `spec.clusterRef.cluster`, that cluster (with its annotations) from
 * `projects/<p>/clusters`, and clusters from `clusters` when the user may list them. Named entries
 * are looked up; `*` entries and whole projects are expanded by listing — a snapshot of today.
 * Targets that cannot be used are kept with the reason. Pure: the platform calls are injected.
 *
 * Bounded per resolution: repeated scope entries are asked for once, every platform read is made at
 * most once (memo-source.ts), and at most `maxRequests` platform requests are made; what that
 * leaves unread is said in a note, and named targets left unread are listed as `not-resolved`.
 */

export type ResolveOptions = {
  platformInsecure: boolean;
  now?: Date;
  /** At most this many targets are returned (default 200). */
  maxTargets?: number;
  /** At most this many projects are expanded for `*` (default 50). */
  maxProjects?: number;
  /** At most this many platform requests are made (default MAX_PLATFORM_REQUESTS). */
  maxRequests?: number;
};

const codeOf = (error: unknown): number | undefined =>
  typeof error === "object" &&
  error !== null &&
  typeof (error as { code?: unknown }).code === "number"
    ? (error as { code: number }).code
    : undefined;

const KIND_OF: Record<InstanceKind, TargetKind> = {
  virtualclusters: "virtualcluster",
  spaces: "space",
};
const WORD: Record<TargetKind, string> = {
  virtualcluster: "virtual cluster",
  space: "space",
  cluster: "cluster",
};
const PLURAL: Record<InstanceKind, string> = {
  virtualclusters: "virtual clusters",
  spaces: "spaces",
};

const targetId = (kind: TargetKind, project: string | undefined, name: string) =>
  kind === "cluster" ? `cluster:${name}` : `${kind}:${project}/${name}`;

/** Runs `tasks` with at most `limit` at a time (the platform is asked politely). */
async function pool<T>(tasks: (() => Promise<T>)[], limit = 6): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export async function resolveTargets(
  scope: AccessKeyScope | undefined,
  open: OpenSource,
  options: ResolveOptions,
): Promise<TargetsResult> {
  const at = (options.now ?? new Date()).toISOString();
  const maxTargets = options.maxTargets ?? 200;
  const maxProjects = options.maxProjects ?? 50;
  const budget = new RequestBudget(options.maxRequests ?? MAX_PLATFORM_REQUESTS);
  const source = memoizeSource(open(budget));
  const unrestricted = scope === undefined;
  const effective: AccessKeyScope = scope ?? {
    projects: [{ project: "*" }],
    clusters: [{ cluster: "*" }],
  };
  const byId = new Map<string, ResolvedTarget>();
  const notes: string[] = [];
  /** What the budget did not reach: entry labels, lists in words, targets' endpoints. */
  const unreadLabels = new Set<string>();
  const unreadLists: string[] = [];
  let unreadEndpoints = 0;
  let truncated = false;

  const add = (t: ResolvedTarget) => {
    const known = byId.get(t.id);
    if (known) {
      const named = !known.wildcard || !t.wildcard;
      if (known.problem?.reason === "not-resolved" && t.problem?.reason !== "not-resolved") {
        // A listing read what the budget left a named lookup without.
        const { from: _from, ...read } = t;
        delete known.problem;
        Object.assign(known, read);
      }
      for (const f of t.from) if (!known.from.includes(f)) known.from.push(f);
      // A named entry is not a snapshot: it stays whatever a `*` lists.
      if (named) delete known.wildcard;
      return;
    }
    if (byId.size >= maxTargets) {
      truncated = true;
      return;
    }
    byId.set(t.id, t);
  };
  const from = (labels: string[]) => (unrestricted ? ["unrestricted token"] : [...labels]);
  const snapshot = (labels: string[]) => ({ entry: from(labels)[0]!, at });
  /** Records an entry the budget stopped, and the list it left unread (none for a named target). */
  const notResolved = (labels: string[], list?: string) => {
    if (!unrestricted) for (const label of labels) unreadLabels.add(label);
    if (list) unreadLists.push(list);
  };

  const instance = (
    kind: InstanceKind,
    project: string,
    item: SourceInstance,
    labels: string[],
    wildcard: boolean,
  ): ResolvedTarget => {
    const k = KIND_OF[kind];
    const t: ResolvedTarget = {
      id: targetId(k, project, item.name),
      kind: k,
      project,
      name: item.name,
      from: from(labels),
    };
    if (item.displayName) t.displayName = item.displayName;
    if (item.cluster) t.cluster = item.cluster;
    if (item.namespace) t.namespace = item.namespace;
    if (wildcard) t.wildcard = snapshot(labels);
    if (item.canUse === false)
      t.problem = {
        reason: "not-usable",
        message: `You may see ${WORD[k]} ${item.name} of project ${project} but not use it (status.canUse is false).`,
      };
    return t;
  };

  /** A named target whose read failed: 403/404 become its reason; the budget, `not-resolved`. */
  const failed = (
    k: TargetKind,
    project: string | undefined,
    name: string,
    labels: string[],
    error: unknown,
    wildcard: boolean,
  ): ResolvedTarget => {
    const code = codeOf(error);
    const spent = error instanceof BudgetSpent;
    if (!spent && code !== 403 && code !== 404) throw error;
    const what = k === "cluster" ? `cluster ${name}` : `${WORD[k]} ${name} of project ${project}`;
    if (spent) notResolved(labels);
    const t: ResolvedTarget = {
      id: targetId(k, project, name),
      kind: k,
      project,
      name,
      from: from(labels),
      problem: spent
        ? {
            reason: "not-resolved",
            message: `${capital(what)} was not looked up: the listing stopped after ${budget.limit} platform requests.`,
          }
        : code === 404
          ? { reason: "not-found", message: `${capital(what)} does not exist.` }
          : { reason: "forbidden", message: `You may not read ${what}.` },
    };
    if (wildcard) t.wildcard = snapshot(labels);
    return t;
  };

  const expand = async (kind: InstanceKind, project: string, labels: string[]) => {
    if (byId.size >= maxTargets) {
      truncated = true;
      return;
    }
    try {
      const list = await source.listInstances(kind, project);
      if (list.truncated) truncated = true;
      for (const item of list.items) add(instance(kind, project, item, labels, true));
    } catch (error) {
      if (error instanceof BudgetSpent)
        return void notResolved(labels, `the ${PLURAL[kind]} of project ${project}`);
      add(failed(KIND_OF[kind], project, "*", labels, error, true));
    }
  };

  /** Rethrows anything but a spent budget, which is recorded as `list` left unread. */
  const unlessSpent = (error: unknown, labels: string[], list: string) => {
    if (!(error instanceof BudgetSpent)) throw error;
    notResolved(labels, list);
  };

  const resolveEntry = async (entry: ScopeEntry) => {
    const { labels } = entry;
    if (entry.type === "instance") {
      const { kind, project, name } = entry;
      if (name === "*") return expand(kind, project, labels);
      try {
        add(instance(kind, project, await source.getInstance(kind, project, name), labels, false));
      } catch (error) {
        add(failed(KIND_OF[kind], project, name, labels, error, false));
      }
      return;
    }
    if (entry.type === "project") {
      let names = [entry.project];
      if (entry.project === "*") {
        try {
          const listed = await source.listProjects();
          if (listed.truncated || listed.names.length > maxProjects) truncated = true;
          names = listed.names.slice(0, maxProjects);
        } catch (error) {
          return unlessSpent(error, labels, "the project list");
        }
      }
      await pool(
        names.flatMap((p) => [
          () => expand("virtualclusters", p, labels),
          () => expand("spaces", p, labels),
        ]),
      );
      return;
    }
    if (entry.name === "*") {
      try {
        const all = await source.allClusters();
        if (all.truncated) truncated = true;
        for (const c of all.clusters) add(clusterTarget(c, from(labels), at, true, options));
      } catch (error) {
        unlessSpent(error, labels, "the cluster list");
      }
      return;
    }
    try {
      const found = await source.getCluster(entry.name);
      if (found) add(clusterTarget(found, from(labels), at, false, options));
      else
        add({
          id: targetId("cluster", undefined, entry.name),
          kind: "cluster",
          name: entry.name,
          from: from(labels),
          problem: {
            reason: "not-found",
            message: `Cluster ${entry.name} does not exist, or you may not use it.`,
          },
        });
    } catch (error) {
      add(failed("cluster", undefined, entry.name, labels, error, false));
    }
  };
  await pool(
    scopeEntries(effective).map((entry) => () => resolveEntry(entry)),
    4,
  );

  if (scope?.roles?.length)
    notes.push(
      "Roles are not turned into targets: what a role lets through is decided by platform code that is not public.",
    );
  if (scope?.rules?.length)
    notes.push(
      "Rules (deprecated) are not turned into targets: they narrow requests rather than name clusters. Their cluster and virtual cluster names are not listed here.",
    );

  // Instances: their cluster, as the CLI finds it, in the project's clusters.
  await pool(
    [...byId.values()]
      .filter((t) => t.kind !== "cluster" && !t.problem)
      .map((t) => async () => {
        const project = t.project!;
        if (!t.cluster) {
          t.problem = {
            reason: "cluster-unknown",
            message: `${capital(WORD[t.kind])} ${t.name} names no cluster (spec.clusterRef.cluster).`,
          };
          return;
        }
        let clusters: SourceCluster[];
        try {
          clusters = await source.projectClusters(project);
        } catch (error) {
          if (error instanceof BudgetSpent) {
            unreadEndpoints++;
            t.problem = {
              reason: "not-resolved",
              message: `Cluster ${t.cluster}'s direct endpoint was not read: the listing stopped after ${budget.limit} platform requests.`,
            };
            return;
          }
          const code = codeOf(error);
          if (code !== 403 && code !== 404) throw error;
          t.problem = {
            reason: "forbidden",
            message: `You may not read the clusters of project ${project}, so cluster ${t.cluster}'s direct endpoint is unknown.`,
          };
          return;
        }
        const cluster = clusters.find((c) => c.name === t.cluster);
        if (!cluster) {
          t.problem = {
            reason: "cluster-unknown",
            message: `Cluster ${t.cluster} is not among the clusters project ${project} may use.`,
          };
          return;
        }
        const result = directEndpoint(t, cluster, options);
        if (result.ok) t.endpoint = result.endpoint;
        else t.problem = { reason: result.reason, message: result.message };
      }),
  );

  const spent: TargetsResult["budget"] = budget.exhausted
    ? {
        ...budget.summary,
        note: budgetNote(budget.limit, {
          entries: entryRanges(unreadLabels),
          lists: unreadLists,
          endpoints: unreadEndpoints,
        }),
      }
    : budget.summary;
  if (spent.note) {
    truncated = true;
    notes.push(spent.note);
  }

  const order: Record<TargetKind, number> = { virtualcluster: 0, space: 1, cluster: 2 };
  const targets = [...byId.values()].sort(
    (a, b) =>
      Number(Boolean(a.wildcard)) - Number(Boolean(b.wildcard)) ||
      order[a.kind] - order[b.kind] ||
      (a.project ?? "").localeCompare(b.project ?? "") ||
      a.name.localeCompare(b.name),
  );
  return { targets, unrestricted, truncated, snapshotAt: at, notes, budget: spent };
}

function clusterTarget(
  cluster: SourceCluster,
  from: string[],
  at: string,
  wildcard: boolean,
  options: ResolveOptions,
): ResolvedTarget {
  const t: ResolvedTarget = {
    id: targetId("cluster", undefined, cluster.name),
    kind: "cluster",
    name: cluster.name,
    cluster: cluster.name,
    from,
  };
  if (wildcard) t.wildcard = { entry: from[0]!, at };
  const result = directEndpoint({ kind: "cluster", name: cluster.name }, cluster, options);
  if (result.ok) t.endpoint = result.endpoint;
  else t.problem = { reason: result.reason, message: result.message };
  return t;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
