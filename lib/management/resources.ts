import "server-only";
import { type AccessKeyScope } from "@/lib/scope/schema";
import { API_VERSION, LEGACY_PROJECT_NAMESPACE_PREFIX, TOKEN_KIND } from "@/lib/scope/constants";
import { API_GROUP_PATH, managementRequest } from "@/lib/management/client";

/** Typed calls of the management API the dashboard makes. */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
}

export interface ListMeta {
  continue?: string;
  remainingItemCount?: number;
}

export interface List<T> {
  metadata: ListMeta;
  items: T[];
}

export interface Self {
  status?: {
    user?: { name: string; username?: string; displayName?: string } | null;
    team?: { name: string; displayName?: string } | null;
    subject?: string;
    /** The principal's uid (since v3.3). */
    uid?: string;
    /** Present since platform v4.0; absent on v3 platforms (which used `loft-p-`). */
    projectNamespacePrefix?: string | null;
    accessKey?: string;
    /** Read leniently (lib/scope/read.ts): a newer platform may send fields this console does not know. */
    accessKeyScope?: unknown;
  };
}

export interface Project {
  metadata: ObjectMeta;
  spec?: { displayName?: string; description?: string };
}

export interface Instance {
  metadata: ObjectMeta;
  spec?: {
    displayName?: string;
    description?: string;
    clusterRef?: { cluster?: string; namespace?: string };
  };
  status?: { phase?: string; canUse?: boolean };
}

export interface Cluster {
  metadata: ObjectMeta & { annotations?: Record<string, string> };
  spec?: { displayName?: string; description?: string };
  status?: { phase?: string; online?: boolean };
}

export interface IssuedToken {
  apiVersion: string;
  kind: string;
  metadata: Partial<ObjectMeta>;
  spec?: { ttl?: number; scope?: AccessKeyScope };
  status?: { token?: string };
}

/** Standard Kubernetes list options: nothing else is sent (a real platform ignores other keys). */
export interface ListQuery {
  limit?: number;
  continue?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

const listParams = (q: ListQuery) => ({
  limit: q.limit,
  continue: q.continue,
  labelSelector: q.labelSelector,
  fieldSelector: q.fieldSelector,
});

export const whoAmI = (key: string) =>
  managementRequest<Self>(key, `${API_GROUP_PATH}/selves`, {
    method: "POST",
    body: { apiVersion: API_VERSION, kind: "Self", metadata: {}, spec: {} },
    what: "Checking the access key",
  });

/**
 * The project namespace prefix, resolved as the official CLI does: the `selves` value whenever the
 * field is present (even ""), otherwise `loft-p-`, the prefix of v3 platforms (which predate the field).
 */
export function namespacePrefixOf(self: Self): string {
  const prefix = self.status?.projectNamespacePrefix;
  return typeof prefix === "string" ? prefix : LEGACY_PROJECT_NAMESPACE_PREFIX;
}

/** An access key of the caller's (spec.ttl and creationTimestamp tell when it expires). */
export const getOwnedAccessKey = (key: string, name: string) =>
  managementRequest<{
    metadata: ObjectMeta;
    spec?: { ttl?: number; ttlAfterLastActivity?: boolean };
  }>(key, `${API_GROUP_PATH}/ownedaccesskeys/${encodeURIComponent(name)}`, {
    what: "Reading the access key",
  });

export const listProjects = (key: string, q: ListQuery = {}) =>
  managementRequest<List<Project>>(key, `${API_GROUP_PATH}/projects`, {
    query: listParams(q),
    what: "Listing projects",
  });

/** A project's spaces or virtual clusters, as the official CLI lists them (`extended=true`). */
export const listInstances = (
  key: string,
  kind: "spaceinstances" | "virtualclusterinstances",
  namespace: string,
  q: ListQuery = {},
) =>
  managementRequest<List<Instance>>(
    key,
    `${API_GROUP_PATH}/namespaces/${encodeURIComponent(namespace)}/${kind}`,
    {
      query: { ...listParams(q), extended: "true" },
      what: kind === "spaceinstances" ? "Listing spaces" : "Listing virtual clusters",
    },
  );

/** One space or virtual cluster of a project namespace (its `spec.clusterRef` names its cluster). */
export const getInstance = (
  key: string,
  kind: "spaceinstances" | "virtualclusterinstances",
  namespace: string,
  name: string,
) =>
  managementRequest<Instance>(
    key,
    `${API_GROUP_PATH}/namespaces/${encodeURIComponent(namespace)}/${kind}/${encodeURIComponent(name)}`,
    {
      what: kind === "spaceinstances" ? `Reading space ${name}` : `Reading virtual cluster ${name}`,
    },
  );

/** One cluster with its annotations (needs cluster rights; users get 403, as for the list). */
export const getCluster = (key: string, name: string) =>
  managementRequest<Cluster>(key, `${API_GROUP_PATH}/clusters/${encodeURIComponent(name)}`, {
    what: `Reading cluster ${name}`,
  });

/** Every cluster (needs cluster-wide rights; users get 403 and use `listProjectClusters`). */
export const listClusters = (key: string, q: ListQuery = {}) =>
  managementRequest<List<Cluster>>(key, `${API_GROUP_PATH}/clusters`, {
    query: listParams(q),
    what: "Listing clusters",
  });

/** The clusters a user may use in a project, with their annotations (what the CLI reads). */
export const listProjectClusters = (key: string, project: string) =>
  managementRequest<{ clusters?: Cluster[] }>(
    key,
    `${API_GROUP_PATH}/projects/${encodeURIComponent(project)}/clusters`,
    { what: `Listing the clusters of project ${project}` },
  );

/** A cluster's agent configuration; `tokenCaCert` is the CA the platform's tokens are signed with. */
export const getAgentConfig = (key: string, cluster: string) =>
  managementRequest<{ tokenCaCert?: string }>(
    key,
    `${API_GROUP_PATH}/clusters/${encodeURIComponent(cluster)}/agentconfig`,
    { what: "Reading the cluster's agent configuration" },
  );

export const createToken = (key: string, spec: { ttl?: number; scope?: AccessKeyScope }) =>
  managementRequest<IssuedToken>(key, `${API_GROUP_PATH}/directclusterendpointtokens`, {
    method: "POST",
    body: { apiVersion: API_VERSION, kind: TOKEN_KIND, metadata: {}, spec },
    what: "Issuing the token",
  });

/** A platform user; `spec.tokenGeneration` (absent = 0) is the only way to revoke their tokens. */
export interface User {
  metadata: ObjectMeta & { resourceVersion?: string };
  spec?: { displayName?: string; username?: string; tokenGeneration?: number };
}

/** `GET users/<name>`: the user object (non-admins presumably only their own). */
export const getUser = (key: string, name: string) =>
  managementRequest<User>(key, `${API_GROUP_PATH}/users/${encodeURIComponent(name)}`, {
    what: `Reading users/${name}`,
  });

/**
 * Raises `users/<name>` `spec.tokenGeneration` from `from` to `from + 1` with a JSON merge patch,
 * which revokes every token of the user carrying a lower `loft.sh.gen`. With `resourceVersion` the
 * patch applies only to the object as it was read (409 Conflict otherwise), so a concurrent raise
 * is never undone by a stale `from`.
 */
export const raiseTokenGeneration = (
  key: string,
  name: string,
  from: number,
  resourceVersion?: string,
) =>
  managementRequest<User>(key, `${API_GROUP_PATH}/users/${encodeURIComponent(name)}`, {
    method: "PATCH",
    contentType: "application/merge-patch+json",
    body: {
      ...(resourceVersion ? { metadata: { resourceVersion } } : {}),
      spec: { tokenGeneration: from + 1 },
    },
    what: `Raising the token generation of users/${name}`,
  });
