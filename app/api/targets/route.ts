import { statusResponse, withSessionRoute } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import {
  resolveTargets,
  type SourceCluster,
  type SourceInstance,
  type TargetSource,
} from "@/lib/kubeconfig/resolve";
import { ManagementError } from "@/lib/management/errors";
import { clustersViaProjects, readAllPages, type PageOf } from "@/lib/management/lists";
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
import { validate } from "@/lib/scope/causes";
import { AccessKeyScope } from "@/lib/scope/schema";

export const dynamic = "force-dynamic";

/**
 * `POST /api/targets` with `{"scope": <AccessKeyScope> | null}` (null: an unrestricted token) →
 * `{targets, unrestricted, truncated, snapshotAt, notes}`: what the scope reaches and each target's
 * direct-endpoint URL, read with the signed-in user's key the way the official CLI reads it. Only
 * the scope comes here, never a token: the browser puts the token into the kubeconfig itself.
 */
const MAX_BODY = 256 * 1024;
const MAX_PROJECTS = 50;

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

function sourceFor(key: string, prefix: string): TargetSource {
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

export const POST = withSessionRoute(async (session, request) => {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json"))
    return statusResponse(415, "UnsupportedMediaType", "Send the scope as application/json.");
  const text = await request.text();
  if (text.length > MAX_BODY)
    return statusResponse(413, "RequestEntityTooLarge", "The scope is too large.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return statusResponse(400, "BadRequest", "The body is not JSON.");
  }
  if (typeof body !== "object" || body === null || !("scope" in body))
    return statusResponse(400, "BadRequest", 'Send {"scope": <AccessKeyScope> or null}.');
  const raw = (body as { scope: unknown }).scope;
  let scope: AccessKeyScope | undefined;
  if (raw !== null) {
    const parsed = validate(AccessKeyScope, raw, ["scope"]);
    if (!parsed.ok)
      return statusResponse(422, "Invalid", "The scope is not a valid AccessKeyScope.", {
        details: { causes: parsed.causes },
      });
    scope = parsed.data;
  }
  const result = await resolveTargets(
    scope,
    sourceFor(session.accessKey, session.projectNamespacePrefix),
    {
      platformInsecure: getConfig().PLATFORM_INSECURE_SKIP_TLS_VERIFY,
      maxProjects: MAX_PROJECTS,
    },
  );
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
