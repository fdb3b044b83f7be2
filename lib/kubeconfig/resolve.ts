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
  const resolution = new Resolution(scope, open, options);
  const effective: AccessKeyScope = scope ?? {
    projects: [{ project: "*" }],
    clusters: [{ cluster: "*" }],
  };
  await pool(
    scopeEntries(effective).map((entry) => () => resolution.resolveEntry(entry)),
    4,
  );
  // Instances: their cluster, as the CLI finds it, in the project's clusters.
  await pool(resolution.instancesToPlace().map((target) => () => resolution.placeInstance(target)));
  return resolution.result(scope);
}

/** One resolution's state: the targets found, what the budget left unread, and the steps. */
class Resolution {
  readonly at: string;
  private readonly maxTargets: number;
  private readonly maxProjects: number;
  private readonly budget: RequestBudget;
  private readonly source: ReturnType<typeof memoizeSource>;
  private readonly unrestricted: boolean;
  private readonly byId = new Map<string, ResolvedTarget>();
  /** What the budget did not reach: entry labels, lists in words, targets' endpoints. */
  private readonly unreadLabels = new Set<string>();
  private readonly unreadLists: string[] = [];
  private unreadEndpoints = 0;
  private truncated = false;

  constructor(
    scope: AccessKeyScope | undefined,
    open: OpenSource,
    private readonly options: ResolveOptions,
  ) {
    this.at = (options.now ?? new Date()).toISOString();
    this.maxTargets = options.maxTargets ?? 200;
    this.maxProjects = options.maxProjects ?? 50;
    this.budget = new RequestBudget(options.maxRequests ?? MAX_PLATFORM_REQUESTS);
    this.source = memoizeSource(open(this.budget));
    this.unrestricted = scope === undefined;
  }

  /** Adds a target, or merges it into the one with its id (named entries win over `*`). */
  private add(t: ResolvedTarget) {
    const known = this.byId.get(t.id);
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
    if (this.byId.size >= this.maxTargets) {
      this.truncated = true;
      return;
    }
    this.byId.set(t.id, t);
  }

  private from(labels: string[]) {
    return this.unrestricted ? ["unrestricted token"] : [...labels];
  }

  private snapshot(labels: string[]) {
    return { entry: this.from(labels)[0]!, at: this.at };
  }

  /** Records an entry the budget stopped, and the list it left unread (none for a named target). */
  private notResolved(labels: string[], list?: string) {
    if (!this.unrestricted) for (const label of labels) this.unreadLabels.add(label);
    if (list) this.unreadLists.push(list);
  }

  private instance(
    kind: InstanceKind,
    project: string,
    item: SourceInstance,
    labels: string[],
    wildcard: boolean,
  ): ResolvedTarget {
    const k = KIND_OF[kind];
    const t: ResolvedTarget = {
      id: targetId(k, project, item.name),
      kind: k,
      project,
      name: item.name,
      from: this.from(labels),
    };
    if (item.displayName) t.displayName = item.displayName;
    if (item.cluster) t.cluster = item.cluster;
    if (item.namespace) t.namespace = item.namespace;
    if (wildcard) t.wildcard = this.snapshot(labels);
    if (item.canUse === false)
      t.problem = {
        reason: "not-usable",
        message: `You may see ${WORD[k]} ${item.name} of project ${project} but not use it (status.canUse is false).`,
      };
    return t;
  }

  /** A named target whose read failed: 403/404 become its reason; the budget, `not-resolved`. */
  private failed(
    k: TargetKind,
    project: string | undefined,
    name: string,
    labels: string[],
    error: unknown,
    wildcard: boolean,
  ): ResolvedTarget {
    const code = codeOf(error);
    const spent = error instanceof BudgetSpent;
    if (!spent && code !== 403 && code !== 404) throw error;
    const what = k === "cluster" ? `cluster ${name}` : `${WORD[k]} ${name} of project ${project}`;
    if (spent) this.notResolved(labels);
    const t: ResolvedTarget = {
      id: targetId(k, project, name),
      kind: k,
      project,
      name,
      from: this.from(labels),
      problem: spent
        ? {
            reason: "not-resolved",
            message: `${capital(what)} was not looked up: the listing stopped after ${this.budget.limit} platform requests.`,
          }
        : code === 404
          ? { reason: "not-found", message: `${capital(what)} does not exist.` }
          : { reason: "forbidden", message: `You may not read ${what}.` },
    };
    if (wildcard) t.wildcard = this.snapshot(labels);
    return t;
  }

  /** Lists a project's spaces or virtual clusters for a `*` entry. */
  private async expand(kind: InstanceKind, project: string, labels: string[]) {
    if (this.byId.size >= this.maxTargets) {
      this.truncated = true;
      return;
    }
    try {
      const list = await this.source.listInstances(kind, project);
      if (list.truncated) this.truncated = true;
      for (const item of list.items) this.add(this.instance(kind, project, item, labels, true));
    } catch (error) {
      if (error instanceof BudgetSpent)
        return void this.notResolved(labels, `the ${PLURAL[kind]} of project ${project}`);
      this.add(this.failed(KIND_OF[kind], project, "*", labels, error, true));
    }
  }

  /** Rethrows anything but a spent budget, which is recorded as `list` left unread. */
  private unlessSpent(error: unknown, labels: string[], list: string) {
    if (!(error instanceof BudgetSpent)) throw error;
    this.notResolved(labels, list);
  }

  /** One scope entry: a named or `*` instance, a whole project (or `*`), a cluster (or `*`). */
  async resolveEntry(entry: ScopeEntry): Promise<void> {
    if (entry.type === "instance") return this.resolveInstance(entry);
    if (entry.type === "project") return this.resolveProject(entry.project, entry.labels);
    if (entry.name === "*") return this.resolveAllClusters(entry.labels);
    return this.resolveCluster(entry.name, entry.labels);
  }

  private async resolveInstance(entry: Extract<ScopeEntry, { type: "instance" }>) {
    const { kind, project, name, labels } = entry;
    if (name === "*") return this.expand(kind, project, labels);
    try {
      const item = await this.source.getInstance(kind, project, name);
      this.add(this.instance(kind, project, item, labels, false));
    } catch (error) {
      this.add(this.failed(KIND_OF[kind], project, name, labels, error, false));
    }
  }

  private async resolveProject(project: string, labels: string[]) {
    let names = [project];
    if (project === "*") {
      try {
        const listed = await this.source.listProjects();
        if (listed.truncated || listed.names.length > this.maxProjects) this.truncated = true;
        names = listed.names.slice(0, this.maxProjects);
      } catch (error) {
        return this.unlessSpent(error, labels, "the project list");
      }
    }
    await pool(
      names.flatMap((p) => [
        () => this.expand("virtualclusters", p, labels),
        () => this.expand("spaces", p, labels),
      ]),
    );
  }

  private async resolveAllClusters(labels: string[]) {
    try {
      const all = await this.source.allClusters();
      if (all.truncated) this.truncated = true;
      for (const c of all.clusters)
        this.add(clusterTarget(c, this.from(labels), this.at, true, this.options));
    } catch (error) {
      this.unlessSpent(error, labels, "the cluster list");
    }
  }

  private async resolveCluster(name: string, labels: string[]) {
    try {
      const found = await this.source.getCluster(name);
      if (found) this.add(clusterTarget(found, this.from(labels), this.at, false, this.options));
      else
        this.add({
          id: targetId("cluster", undefined, name),
          kind: "cluster",
          name,
          from: this.from(labels),
          problem: {
            reason: "not-found",
            message: `Cluster ${name} does not exist, or you may not use it.`,
          },
        });
    } catch (error) {
      this.add(this.failed("cluster", undefined, name, labels, error, false));
    }
  }

  /** The spaces and virtual clusters found usable so far, whose direct endpoint is still to find. */
  instancesToPlace(): ResolvedTarget[] {
    return [...this.byId.values()].filter((t) => t.kind !== "cluster" && !t.problem);
  }

  /** An instance's direct endpoint: its cluster, as the CLI finds it, among the project's clusters. */
  async placeInstance(t: ResolvedTarget): Promise<void> {
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
      clusters = await this.source.projectClusters(project);
    } catch (error) {
      if (error instanceof BudgetSpent) {
        this.unreadEndpoints++;
        t.problem = {
          reason: "not-resolved",
          message: `Cluster ${t.cluster}'s direct endpoint was not read: the listing stopped after ${this.budget.limit} platform requests.`,
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
    const result = directEndpoint(t, cluster, this.options);
    if (result.ok) t.endpoint = result.endpoint;
    else t.problem = { reason: result.reason, message: result.message };
  }

  /** The targets in order (named first; virtual clusters, spaces, clusters), with the notes. */
  result(scope: AccessKeyScope | undefined): TargetsResult {
    const notes: string[] = [];
    if (scope?.roles?.length)
      notes.push(
        "Roles are not turned into targets: what a role lets through is decided by platform code that is not public.",
      );
    if (scope?.rules?.length)
      notes.push(
        "Rules (deprecated) are not turned into targets: they narrow requests rather than name clusters. Their cluster and virtual cluster names are not listed here.",
      );
    const spent: TargetsResult["budget"] = this.budget.exhausted
      ? {
          ...this.budget.summary,
          note: budgetNote(this.budget.limit, {
            entries: entryRanges(this.unreadLabels),
            lists: this.unreadLists,
            endpoints: this.unreadEndpoints,
          }),
        }
      : this.budget.summary;
    if (spent.note) {
      this.truncated = true;
      notes.push(spent.note);
    }
    const order: Record<TargetKind, number> = { virtualcluster: 0, space: 1, cluster: 2 };
    const targets = [...this.byId.values()].sort(
      (a, b) =>
        Number(Boolean(a.wildcard)) - Number(Boolean(b.wildcard)) ||
        order[a.kind] - order[b.kind] ||
        (a.project ?? "").localeCompare(b.project ?? "") ||
        a.name.localeCompare(b.name),
    );
    return {
      targets,
      unrestricted: this.unrestricted,
      truncated: this.truncated,
      snapshotAt: this.at,
      notes,
      budget: spent,
    };
  }
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
