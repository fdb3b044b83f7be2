import "server-only";
import type { AccessKeyScope } from "@/lib/scope/schema";
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
    user?: { name: string; username?: string; displayName?: string };
    subject?: string;
    projectNamespacePrefix?: string;
    accessKeyScope?: AccessKeyScope;
  };
}

export interface Project {
  metadata: ObjectMeta;
  spec?: { displayName?: string; description?: string };
}

export interface Instance {
  metadata: ObjectMeta;
  spec?: { displayName?: string; description?: string; clusterRef?: { cluster?: string } };
  status?: { phase?: string };
}

export interface IssuedToken {
  apiVersion: string;
  kind: string;
  metadata: Partial<ObjectMeta>;
  spec?: { ttl?: number; scope?: AccessKeyScope };
  status?: { token?: string };
}

export interface ListQuery {
  limit?: number;
  continue?: string;
  search?: string;
}

export const whoAmI = (key: string) =>
  managementRequest<Self>(key, `${API_GROUP_PATH}/selves`, {
    method: "POST",
    body: { apiVersion: "management.loft.sh/v1", kind: "Self" },
    what: "Checking the access key",
  });

export const listProjects = (key: string, q: ListQuery = {}) =>
  managementRequest<List<Project>>(key, `${API_GROUP_PATH}/projects`, {
    query: { limit: q.limit, continue: q.continue, search: q.search },
    what: "Listing projects",
  });

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
      query: { limit: q.limit, continue: q.continue, search: q.search },
      what: kind === "spaceinstances" ? "Listing spaces" : "Listing virtual clusters",
    },
  );

export const createToken = (key: string, spec: { ttl?: number; scope?: AccessKeyScope }) =>
  managementRequest<IssuedToken>(key, `${API_GROUP_PATH}/directclusterendpointtokens`, {
    method: "POST",
    body: {
      apiVersion: "management.loft.sh/v1",
      kind: "DirectClusterEndpointToken",
      metadata: {},
      spec,
    },
    what: "Issuing the token",
  });
