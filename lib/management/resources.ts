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

export interface Jwks {
  keys: Array<Record<string, unknown>>;
}

/**
 * The platform's published signing keys. Only the path of `jwks_uri` is used, against the configured
 * platform origin: a URL from a response never decides where the server connects.
 */
export async function platformJwks(): Promise<Jwks> {
  const discovery = await managementRequest<{ issuer?: string; jwks_uri?: string }>(
    null,
    "/.well-known/openid-configuration",
    { public: true, what: "Fetching the platform's OpenID configuration" },
  );
  const path = discovery.jwks_uri
    ? new URL(discovery.jwks_uri, "http://x").pathname
    : "/.well-known/jwks.json";
  const jwks = await managementRequest<Jwks>(null, path, {
    public: true,
    what: "Fetching the platform's signing keys",
  });
  const keys = Array.isArray(jwks.keys)
    ? jwks.keys.filter((k) => typeof k === "object" && k !== null && !("d" in k))
    : [];
  return { keys };
}
