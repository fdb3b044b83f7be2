import { API_VERSION } from "@/lib/scope/constants";
import { isMember } from "../roles";
import { ClusterCreate } from "../schemas";
import { ConflictError, type ApiObject, type Store } from "../store";
import { alreadyExists, cannot, notFound } from "../status";
import { readCreate } from "./create";
import { listReply, parseListQuery } from "./list";
import { compact, newMeta, objectOf } from "./new-object";
import { write } from "./write";
import type { Resource, Subresource } from "./types";

/** The cluster every seeded instance runs in. */
export const DEFAULT_CLUSTER = "loft-cluster";

/** A cluster that is connected and ready, as a real platform reports one. */
export const CLUSTER_STATUS = { phase: "Initialized", online: true } as const;

/** Inserts a cluster (call inside a transaction); ConflictError when the name is taken. */
export function insertCluster(store: Store, cluster: ApiObject) {
  store.insert("clusters", cluster, String(cluster.spec.displayName ?? ""));
}

/**
 * `GET clusters/<c>/agentconfig`: what a real platform hands its agents, here only the name and the
 * certificate of the token signing key (`tokenCaCert`, []byte in Go: standard base64 of the PEM).
 * Who besides agents may read it on a real platform is not public: admins only here.
 */
const agentConfig: Subresource = {
  kind: "ClusterAgentConfig",
  get(ctx, name) {
    const { principal, platform } = ctx;
    if (!principal.admin) throw cannot(principal, "get", "clusters/agentconfig", name);
    if (!platform.store.get("clusters", "", name)) throw notFound("clusters", name);
    return {
      code: 200,
      body: {
        apiVersion: API_VERSION,
        kind: "ClusterAgentConfig",
        metadata: { name },
        cluster: name,
        tokenCaCert: Buffer.from(platform.tokenCaPem).toString("base64"),
        projectNamespacePrefix: platform.projectNamespacePrefix,
        analyticsSpec: {},
      },
    };
  },
};

/**
 * `GET projects/<p>/clusters` (ProjectClusters): the clusters a project may use, for the project's
 * members; the official CLI lists clusters this way for users (reference §6). The local platform
 * has no per-project cluster restriction, so every cluster is listed.
 */
export const projectClusters: Subresource = {
  kind: "ProjectClusters",
  get(ctx, project) {
    const { principal, platform } = ctx;
    const store = platform.store;
    if (!principal.admin && !isMember(store, principal.owner, project)) {
      throw cannot(principal, "get", "projects/clusters", project);
    }
    if (!store.get("projects", "", project)) throw notFound("projects", project);
    const clusters = store.list("clusters", { labels: [], fields: [] }).items;
    const body: Record<string, unknown> = {
      apiVersion: API_VERSION,
      kind: "ProjectClusters",
      metadata: { name: project },
    };
    // `clusters` is omitempty in Go.
    if (clusters.length) body.clusters = clusters;
    return { code: 200, body };
  },
};

/**
 * Clusters (cluster-scoped). Listing and reading them needs cluster rights a project member does
 * not have: admins only (members use `projects/<p>/clusters`); create and delete are admin-only.
 */
export const clusters: Resource = {
  plural: "clusters",
  singular: "cluster",
  kind: "Cluster",
  namespaced: false,
  verbs: ["create", "delete", "get", "list"],
  schema: ClusterCreate,
  subresources: { agentconfig: agentConfig },

  list(ctx) {
    if (!ctx.principal.admin) throw cannot(ctx.principal, "list", "clusters");
    return listReply(this, ctx.platform.store.list("clusters", parseListQuery(ctx, this)));
  },

  get(ctx, name) {
    if (!ctx.principal.admin) throw cannot(ctx.principal, "get", "clusters", name);
    const cluster = ctx.platform.store.get("clusters", "", name);
    if (!cluster) throw notFound("clusters", name);
    return { code: 200, body: cluster };
  },

  async create(ctx) {
    const { data, name, meta } = await readCreate(ctx, this, ClusterCreate);
    if (!ctx.principal.admin) throw cannot(ctx.principal, "create", "clusters", name);
    const store = ctx.platform.store;
    const cluster = write(ctx, () => {
      const c = objectOf(this, newMeta(store, name, meta), compact({ ...data.spec }), {
        ...CLUSTER_STATUS,
      });
      try {
        insertCluster(store, c);
      } catch (error) {
        if (error instanceof ConflictError) throw alreadyExists("clusters", name);
        throw error;
      }
      return c;
    });
    return { code: 201, body: cluster };
  },

  delete(ctx, name) {
    if (!ctx.principal.admin) throw cannot(ctx.principal, "delete", "clusters", name);
    const store = ctx.platform.store;
    const cluster = write(ctx, () => {
      const c = store.get("clusters", "", name);
      if (!c) throw notFound("clusters", name);
      store.delete("clusters", "", name);
      return c;
    });
    return { code: 200, body: cluster };
  },
};
