import "server-only";
import { readAllPages, type PageOf } from "@/lib/management/lists";
import { ManagementError } from "@/lib/management/errors";
import {
  getCluster,
  getInstance,
  listClusters,
  listInstances,
  listProjectClusters,
  listProjects,
  type Cluster,
  type Instance,
} from "@/lib/management/resources";
import type { RequestBudget } from "./budget";
import type { OpenSource, SourceCluster, SourceInstance } from "./targets";

/**
 * The platform reads behind target resolution, made with the signed-in user's key: shared by the
 * targets route (kubeconfig export) and the ledger (what a wildcard reached when a token was issued).
 * Every request, each page of a list included, is paid from the resolution's budget before it is
 * sent. The project list and each project's clusters are read once per resolution, whether the
 * resolver or the per-project cluster fallback asks.
 */
export const MAX_PROJECTS = 50;

const KINDS = { virtualclusters: "virtualclusterinstances", spaces: "spaceinstances" } as const;

const instanceOf = (i: Instance): SourceInstance => ({
  name: i.metadata.name,
  displayName: i.spec?.displayName,
  cluster: i.spec?.clusterRef?.cluster,
  namespace: i.spec?.clusterRef?.namespace,
  canUse: i.status?.canUse,
});
const clusterOf = (c: Cluster): SourceCluster => ({
  name: c.metadata.name,
  annotations: c.metadata.annotations,
});
const isCode = (error: unknown, ...codes: number[]) =>
  error instanceof ManagementError && codes.includes(error.code);

/** Remembers the answer (or failure), so the read is made once. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  return () => (answer ??= read());
}

/** Remembers each answer (or failure) by key, so each read is made once. */
function onceEach<T>(read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (key) => {
    let answer = answers.get(key);
    if (!answer) {
      answer = read(key);
      answers.set(key, answer);
    }
    return answer;
  };
}

export function sourceFor(key: string, prefix: string): OpenSource {
  return (budget: RequestBudget) => {
    /** Every page of a list, at most 10,000 items (a snapshot, not an inventory), each page paid. */
    const readAll = <T>(page: PageOf<T>) => readAllPages((q) => budget.pay(() => page(q)), 20);

    const projectNames = once(() =>
      readAll((q) => listProjects(key, q)).then(({ items, truncated }) => ({
        names: items.map((p) => p.metadata.name),
        truncated,
      })),
    );
    const projectClusters = onceEach((project) =>
      budget
        .pay(() => listProjectClusters(key, project))
        .then((r) => (r.clusters ?? []).map(clusterOf)),
    );
    /**
     * The clusters of the user's first MAX_PROJECTS projects, merged by name and sorted (the CLI's
     * way for users without cluster rights); projects whose clusters are refused or gone are skipped.
     */
    const viaProjects = once(async () => {
      const { names, truncated } = await projectNames();
      const lists = await Promise.all(
        names.slice(0, MAX_PROJECTS).map((p) =>
          projectClusters(p).catch((error: unknown) => {
            if (isCode(error, 403, 404)) return [];
            throw error;
          }),
        ),
      );
      const byName = new Map<string, SourceCluster>();
      for (const list of lists) for (const c of list) byName.set(c.name, c);
      return {
        clusters: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)),
        truncated: truncated || names.length > MAX_PROJECTS,
      };
    });

    return {
      getInstance: (kind, project, name) =>
        budget
          .pay(() => getInstance(key, KINDS[kind], `${prefix}${project}`, name))
          .then(instanceOf),
      listInstances: (kind, project) =>
        readAll((q) => listInstances(key, KINDS[kind], `${prefix}${project}`, q)).then((r) => ({
          items: r.items.map(instanceOf),
          truncated: r.truncated,
        })),
      listProjects: projectNames,
      projectClusters,
      allClusters: async () => {
        try {
          const r = await readAll((q) => listClusters(key, q));
          return { clusters: r.items.map(clusterOf), truncated: r.truncated };
        } catch (error) {
          if (!isCode(error, 403)) throw error;
          return viaProjects();
        }
      },
      getCluster: async (name) => {
        try {
          return clusterOf(await budget.pay(() => getCluster(key, name)));
        } catch (error) {
          if (isCode(error, 404)) return undefined;
          if (!isCode(error, 403)) throw error;
          return (await viaProjects()).clusters.find((c) => c.name === name);
        }
      },
    };
  };
}
