import type { AccessKeyScope } from "@/lib/scope/schema";
import { directEndpoint, type Endpoint, type TargetKind } from "./endpoint";

/**
 * Which targets a token's scope reaches, read the way the official CLI reads them for a user: an
 * instance's cluster from its `spec.clusterRef.cluster`, that cluster (with its annotations) from
 * `projects/<p>/clusters`, and clusters from `clusters` when the user may list them. Named entries
 * are looked up; `*` entries and whole projects are expanded by listing — a snapshot of today.
 * Targets that cannot be used are kept with the reason. Pure: the platform calls are injected.
 */

export type ProblemReason =
  | "no-direct-endpoint"
  | "invalid-ca"
  | "not-found"
  | "forbidden"
  | "cluster-unknown"
  | "not-usable";

export type ResolvedTarget = {
  /** `<kind>:<project>/<name>` (clusters: `cluster:<name>`), unique in a response. */
  id: string;
  kind: TargetKind;
  project?: string;
  name: string;
  displayName?: string;
  /** The cluster it runs in (the cluster itself for a cluster target). */
  cluster?: string;
  /** A space's namespace on its cluster (`spec.clusterRef.namespace`), for the context. */
  namespace?: string;
  /** The scope entries that reach it, e.g. `virtualClusters[0]`. */
  from: string[];
  /** Set when only a `*`, a whole project or an unrestricted token reaches it: when it was listed. */
  wildcard?: { entry: string; at: string };
  endpoint?: Endpoint;
  problem?: { reason: ProblemReason; message: string };
};

export type TargetsResult = {
  targets: ResolvedTarget[];
  /** The token has no scope: these are what the signed-in user can see, not a limit. */
  unrestricted: boolean;
  /** More targets exist than are listed (lists are bounded). */
  truncated: boolean;
  /** When the lists were read (ISO 8601). */
  snapshotAt: string;
  /** Parts of the scope that are not turned into targets, in words. */
  notes: string[];
};

export type SourceCluster = { name: string; annotations?: Record<string, string> | null };
export type SourceInstance = {
  name: string;
  displayName?: string;
  cluster?: string;
  namespace?: string;
  /** `status.canUse` from an extended list; undefined when not reported. */
  canUse?: boolean;
};
export type InstanceKind = "virtualclusters" | "spaces";

/** The platform reads the resolution needs; errors carry the HTTP `code` (403, 404) they failed with. */
export interface TargetSource {
  getInstance(kind: InstanceKind, project: string, name: string): Promise<SourceInstance>;
  listInstances(
    kind: InstanceKind,
    project: string,
  ): Promise<{ items: SourceInstance[]; truncated: boolean }>;
  listProjects(): Promise<{ names: string[]; truncated: boolean }>;
  /** `projects/<p>/clusters`: the clusters a project may use, with annotations. */
  projectClusters(project: string): Promise<SourceCluster[]>;
  /** Every cluster the user can see (the cluster-wide list, or the per-project fallback). */
  allClusters(): Promise<{ clusters: SourceCluster[]; truncated: boolean }>;
  /** One cluster by name; undefined when it does not exist or the user may not use it. */
  getCluster(name: string): Promise<SourceCluster | undefined>;
}

export type ResolveOptions = {
  platformInsecure: boolean;
  now?: Date;
  /** At most this many targets are returned (default 200). */
  maxTargets?: number;
  /** At most this many projects are expanded for `*` (default 50). */
  maxProjects?: number;
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
  source: TargetSource,
  options: ResolveOptions,
): Promise<TargetsResult> {
  const at = (options.now ?? new Date()).toISOString();
  const maxTargets = options.maxTargets ?? 200;
  const maxProjects = options.maxProjects ?? 50;
  const unrestricted = scope === undefined;
  const effective: AccessKeyScope = scope ?? {
    projects: [{ project: "*" }],
    clusters: [{ cluster: "*" }],
  };
  const byId = new Map<string, ResolvedTarget>();
  const notes: string[] = [];
  let truncated = false;

  const add = (t: ResolvedTarget) => {
    const known = byId.get(t.id);
    if (known) {
      for (const f of t.from) if (!known.from.includes(f)) known.from.push(f);
      // A named entry is not a snapshot: it stays whatever a `*` lists.
      if (!t.wildcard) delete known.wildcard;
      return;
    }
    if (byId.size >= maxTargets) {
      truncated = true;
      return;
    }
    byId.set(t.id, t);
  };
  const label = (entry: string) => (unrestricted ? "unrestricted token" : entry);

  const instance = (
    kind: InstanceKind,
    project: string,
    item: SourceInstance,
    entry: string,
    wildcard: boolean,
  ): ResolvedTarget => {
    const k = KIND_OF[kind];
    const t: ResolvedTarget = {
      id: targetId(k, project, item.name),
      kind: k,
      project,
      name: item.name,
      from: [label(entry)],
    };
    if (item.displayName) t.displayName = item.displayName;
    if (item.cluster) t.cluster = item.cluster;
    if (item.namespace) t.namespace = item.namespace;
    if (wildcard) t.wildcard = { entry: label(entry), at };
    if (item.canUse === false)
      t.problem = {
        reason: "not-usable",
        message: `You may see ${WORD[k]} ${item.name} of project ${project} but not use it (status.canUse is false).`,
      };
    return t;
  };

  const failed = (
    k: TargetKind,
    project: string | undefined,
    name: string,
    entry: string,
    error: unknown,
    wildcard: boolean,
  ): ResolvedTarget => {
    const code = codeOf(error);
    if (code !== 403 && code !== 404) throw error;
    const what = k === "cluster" ? `cluster ${name}` : `${WORD[k]} ${name} of project ${project}`;
    const t: ResolvedTarget = {
      id: targetId(k, project, name),
      kind: k,
      project,
      name,
      from: [label(entry)],
      problem:
        code === 404
          ? { reason: "not-found", message: `${capital(what)} does not exist.` }
          : { reason: "forbidden", message: `You may not read ${what}.` },
    };
    if (wildcard) t.wildcard = { entry: label(entry), at };
    return t;
  };

  const expand = async (kind: InstanceKind, project: string, entry: string) => {
    if (byId.size >= maxTargets) {
      truncated = true;
      return;
    }
    try {
      const list = await source.listInstances(kind, project);
      if (list.truncated) truncated = true;
      for (const item of list.items) add(instance(kind, project, item, entry, true));
    } catch (error) {
      add(failed(KIND_OF[kind], project, "*", entry, error, true));
    }
  };

  const tasks: (() => Promise<void>)[] = [];
  (effective.virtualClusters ?? []).forEach(({ project, virtualCluster }, i) => {
    const entry = `virtualClusters[${i}]`;
    tasks.push(async () => {
      if (virtualCluster === "*") return expand("virtualclusters", project, entry);
      try {
        add(
          instance(
            "virtualclusters",
            project,
            await source.getInstance("virtualclusters", project, virtualCluster),
            entry,
            false,
          ),
        );
      } catch (error) {
        add(failed("virtualcluster", project, virtualCluster, entry, error, false));
      }
    });
  });
  (effective.spaces ?? []).forEach(({ project, space }, i) => {
    const entry = `spaces[${i}]`;
    tasks.push(async () => {
      if (space === "*") return expand("spaces", project, entry);
      try {
        add(
          instance(
            "spaces",
            project,
            await source.getInstance("spaces", project, space),
            entry,
            false,
          ),
        );
      } catch (error) {
        add(failed("space", project, space, entry, error, false));
      }
    });
  });
  (effective.projects ?? []).forEach(({ project }, i) => {
    const entry = `projects[${i}]`;
    tasks.push(async () => {
      let names = [project];
      if (project === "*") {
        const listed = await source.listProjects();
        if (listed.truncated || listed.names.length > maxProjects) truncated = true;
        names = listed.names.slice(0, maxProjects);
      }
      await pool(
        names.flatMap((p) => [
          () => expand("virtualclusters", p, entry),
          () => expand("spaces", p, entry),
        ]),
      );
    });
  });
  (effective.clusters ?? []).forEach(({ cluster }, i) => {
    const entry = `clusters[${i}]`;
    tasks.push(async () => {
      if (cluster === "*") {
        const all = await source.allClusters();
        if (all.truncated) truncated = true;
        for (const c of all.clusters) add(clusterTarget(c, label(entry), at, true, options));
        return;
      }
      try {
        const found = await source.getCluster(cluster);
        if (found) add(clusterTarget(found, label(entry), at, false, options));
        else
          add({
            id: targetId("cluster", undefined, cluster),
            kind: "cluster",
            name: cluster,
            from: [label(entry)],
            problem: {
              reason: "not-found",
              message: `Cluster ${cluster} does not exist, or you may not use it.`,
            },
          });
      } catch (error) {
        add(failed("cluster", undefined, cluster, entry, error, false));
      }
    });
  });
  await pool(tasks, 4);

  if (scope?.roles?.length)
    notes.push(
      "Roles are not turned into targets: what a role lets through is decided by platform code that is not public.",
    );
  if (scope?.rules?.length)
    notes.push(
      "Rules (deprecated) are not turned into targets: they narrow requests rather than name clusters. Their cluster and virtual cluster names are not listed here.",
    );

  // Instances: their cluster, as the CLI finds it, in the project's clusters.
  const projectClusters = new Map<string, Promise<SourceCluster[] | { error: unknown }>>();
  const clustersOf = (project: string) => {
    let p = projectClusters.get(project);
    if (!p) {
      p = source.projectClusters(project).catch((error: unknown) => ({ error }));
      projectClusters.set(project, p);
    }
    return p;
  };
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
        const clusters = await clustersOf(project);
        if (!Array.isArray(clusters)) {
          const code = codeOf(clusters.error);
          if (code !== 403 && code !== 404) throw clusters.error;
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

  const order: Record<TargetKind, number> = { virtualcluster: 0, space: 1, cluster: 2 };
  const targets = [...byId.values()].sort(
    (a, b) =>
      Number(Boolean(a.wildcard)) - Number(Boolean(b.wildcard)) ||
      order[a.kind] - order[b.kind] ||
      (a.project ?? "").localeCompare(b.project ?? "") ||
      a.name.localeCompare(b.name),
  );
  return { targets, unrestricted, truncated, snapshotAt: at, notes };
}

function clusterTarget(
  cluster: SourceCluster,
  entry: string,
  at: string,
  wildcard: boolean,
  options: ResolveOptions,
): ResolvedTarget {
  const t: ResolvedTarget = {
    id: targetId("cluster", undefined, cluster.name),
    kind: "cluster",
    name: cluster.name,
    cluster: cluster.name,
    from: [entry],
  };
  if (wildcard) t.wildcard = { entry, at };
  const result = directEndpoint({ kind: "cluster", name: cluster.name }, cluster, options);
  if (result.ok) t.endpoint = result.endpoint;
  else t.problem = { reason: result.reason, message: result.message };
  return t;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
