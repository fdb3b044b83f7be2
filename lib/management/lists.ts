import "server-only";
import { ManagementError } from "@/lib/management/errors";
import {
  listProjectClusters,
  listProjects,
  type Cluster,
  type List,
  type ListQuery,
} from "@/lib/management/resources";

/**
 * Whole platform lists: every page of a list, and the clusters a user without cluster-wide rights
 * reaches through their projects (as the official CLI reads them).
 */

/** One page of a platform list, asked for with standard list options. */
export type PageOf<T> = (q: ListQuery) => Promise<List<T>>;

/**
 * Every page of a platform list, 500 items a page, following `continue` (an unpaged answer is
 * accepted as the whole list). Stops after `maxPages` and says so.
 */
export async function readAllPages<T>(
  page: PageOf<T>,
  maxPages = 200,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let next: string | undefined;
  for (let n = 0; n < maxPages; n++) {
    const list = await page({ limit: 500, continue: next });
    items.push(...(list.items ?? []));
    next = list.metadata?.continue || undefined;
    if (!next) return { items, truncated: false };
  }
  return { items, truncated: true };
}

/**
 * The clusters a user without cluster-wide rights can use: `projects/<p>/clusters` of each of their
 * projects (at most `maxProjects`), merged by name and sorted — what the official CLI reads for a
 * user when `GET clusters` is refused. Projects whose clusters are refused or gone are skipped.
 */
export async function clustersViaProjects(
  accessKey: string,
  maxProjects: number,
): Promise<{ clusters: Cluster[]; truncated: boolean }> {
  const { items: projects, truncated } = await readAllPages((q) => listProjects(accessKey, q));
  const lists = await Promise.all(
    projects.slice(0, maxProjects).map((p) =>
      listProjectClusters(accessKey, p.metadata.name).catch(
        (error: unknown): { clusters?: Cluster[] } => {
          if (error instanceof ManagementError && (error.code === 403 || error.code === 404))
            return {};
          throw error;
        },
      ),
    ),
  );
  const byName = new Map<string, Cluster>();
  for (const list of lists) for (const c of list.clusters ?? []) byName.set(c.metadata.name, c);
  return {
    clusters: [...byName.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)),
    truncated: truncated || projects.length > maxProjects,
  };
}
