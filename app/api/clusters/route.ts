import crypto from "node:crypto";
import { fetchAll, pickerList } from "@/lib/api/picker-lists";
import type { PickerItem } from "@/lib/api/pickers";
import { toPickerItem } from "@/lib/api/pickers";
import { withSessionRoute } from "@/lib/api/route";
import { ManagementError } from "@/lib/management/errors";
import {
  listClusters,
  listProjectClusters,
  listProjects,
  type Cluster,
} from "@/lib/management/resources";

export const dynamic = "force-dynamic";

/** Projects whose clusters a user's fallback reads (one request each). */
const MAX_PROJECTS = 50;

/**
 * Clusters for the Clusters picker. The cluster-wide list needs cluster rights; a user without them
 * gets 403 and the official CLI reads `projects/<project>/clusters` instead, so this does too, for
 * each of the user's projects, merging by name.
 */
/** Users (by key hash) whose cluster-wide list was refused lately: they go straight to the fallback. */
const refused = new Map<string, number>();
const REFUSED_MS = 5 * 60_000;

export const GET = withSessionRoute(async (session, request) => {
  const key = session.accessKey;
  const who = crypto.createHash("sha256").update(key).digest("base64url");
  const since = refused.get(who);
  if (since === undefined || Date.now() - since > REFUSED_MS) {
    try {
      return await pickerList({
        request,
        accessKey: key,
        list: "clusters",
        fetchPage: (q) => listClusters(key, q),
      });
    } catch (error) {
      if (!(error instanceof ManagementError) || error.code !== 403) throw error;
      if (refused.size > 10_000) refused.clear();
      refused.set(who, Date.now());
    }
  }
  return pickerList({
    request,
    accessKey: key,
    list: "clusters:by-project",
    fetchPage: (q) => listClusters(key, q),
    loadAll: async () => {
      const { items: projects, truncated } = await fetchAll((q) => listProjects(key, q));
      const byName = new Map<string, PickerItem>();
      const lists = await Promise.all(
        projects.slice(0, MAX_PROJECTS).map((p) =>
          listProjectClusters(key, p.name).catch((e: unknown): { clusters?: Cluster[] } => {
            if (e instanceof ManagementError && (e.code === 403 || e.code === 404)) return {};
            throw e;
          }),
        ),
      );
      for (const list of lists)
        for (const cluster of list.clusters ?? [])
          byName.set(cluster.metadata.name, toPickerItem(cluster));
      const items = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
      return { items, truncated: truncated || projects.length > MAX_PROJECTS };
    },
  });
});
