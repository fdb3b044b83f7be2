import "server-only";
import { clustersViaProjects, readAllPages, type PageOf } from "@/lib/management/lists";
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
import type { SourceCluster, SourceInstance, TargetSource } from "./resolve";

/**
 * The platform reads behind target resolution, made with the signed-in user's key: shared by the
 * targets route (kubeconfig export) and the ledger (what a wildcard reached when a token was issued).
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

/** Every page of a list, at most 10,000 items (a snapshot, not an inventory). */
const readAll = <T>(page: PageOf<T>) => readAllPages(page, 20);

export function sourceFor(key: string, prefix: string): TargetSource {
  const projectNames = () =>
    readAll((q) => listProjects(key, q)).then(({ items, truncated }) => ({
      names: items.map((p) => p.metadata.name),
      truncated,
    }));
  /** The clusters of the user's projects, merged (the CLI's way for users without cluster rights). */
  const viaProjects = () =>
    clustersViaProjects(key, MAX_PROJECTS).then(({ clusters, truncated }) => ({
      clusters: clusters.map(clusterOf),
      truncated,
    }));
  let fallback: ReturnType<typeof viaProjects> | undefined;
  const viaProjectsOnce = () => (fallback ??= viaProjects());

  return {
    getInstance: (kind, project, name) =>
      getInstance(key, KINDS[kind], `${prefix}${project}`, name).then(instanceOf),
    listInstances: (kind, project) =>
      readAll((q) => listInstances(key, KINDS[kind], `${prefix}${project}`, q)).then((r) => ({
        items: r.items.map(instanceOf),
        truncated: r.truncated,
      })),
    listProjects: projectNames,
    projectClusters: (project) =>
      listProjectClusters(key, project).then((r) => (r.clusters ?? []).map(clusterOf)),
    allClusters: async () => {
      try {
        const r = await readAll((q) => listClusters(key, q));
        return { clusters: r.items.map(clusterOf), truncated: r.truncated };
      } catch (error) {
        if (!isCode(error, 403)) throw error;
        return viaProjectsOnce();
      }
    },
    getCluster: async (name) => {
      try {
        return clusterOf(await getCluster(key, name));
      } catch (error) {
        if (isCode(error, 404)) return undefined;
        if (!isCode(error, 403)) throw error;
        return (await viaProjectsOnce()).clusters.find((c) => c.name === name);
      }
    },
  };
}
