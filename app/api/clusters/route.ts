import { pickerList } from "@/lib/scope-builder/picker-routes";
import { toPickerItem } from "@/lib/scope-builder/picker-items";
import { withSessionRoute } from "@/lib/route-handlers";
import { accessKeyHash } from "@/lib/management/client";
import { ManagementError } from "@/lib/management/errors";
import { MAX_PROJECTS } from "@/lib/kubeconfig/source";
import { clustersViaProjects } from "@/lib/management/lists";
import { listClusters } from "@/lib/management/resources";

export const dynamic = "force-dynamic";

/** Users (by key hash) whose cluster-wide list was refused lately: they go straight to the fallback. */
const refused = new Map<string, number>();
const REFUSED_MS = 5 * 60_000;

/**
 * Clusters for the Clusters picker. The cluster-wide list needs cluster rights; a user without them
 * gets 403 and the official CLI reads `projects/<project>/clusters` instead, so this does too, for
 * each of the user's projects (at most MAX_PROJECTS, one request each), merging by name.
 */
export const GET = withSessionRoute(async (session, request) => {
  const key = session.accessKey;
  const who = accessKeyHash(key);
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
    loadAll: async () => (await clustersViaProjects(key, MAX_PROJECTS)).clusters.map(toPickerItem),
  });
});
