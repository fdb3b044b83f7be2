import "server-only";
import { API_GROUP_PATH, managementRequest } from "@/lib/management/client";
import type { List, ListQuery, ObjectMeta } from "@/lib/management/resources";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { API_VERSION } from "@/lib/scope/constants";

/**
 * The caller's own access keys (`ownedaccesskeys`, loft-sh/api `management/v1` inlining
 * `storage/v1.AccessKeySpec`): create, list, get, disable/enable and delete, always with the
 * signed-in principal's own key. What these calls return may carry secrets (`spec.key`, and on
 * sign-in keys `spec.oidcLogin` tokens and `spec.identity.connectorData`): nothing read here goes to
 * the browser as it is; lib/access-keys/view.ts copies out the fields a page may show.
 */

const PATH = `${API_GROUP_PATH}/ownedaccesskeys`;
const one = (name: string) => `${PATH}/${encodeURIComponent(name)}`;

/** `spec.type` values a current platform sends (others are passed on as they come). */
export type AccessKeyType =
  "" | "Login" | "User" | "Other" | "Reset" | "OIDCRefreshToken" | "NetworkPeer" | "Workspace";

export interface OwnedAccessKeySpec {
  displayName?: string;
  description?: string;
  user?: string;
  team?: string;
  subject?: string;
  groups?: string[];
  /** The bearer secret. Never shown, logged or sent to the browser. */
  key?: string;
  disabled?: boolean;
  /** Seconds; absent or 0 = no expiry. */
  ttl?: number;
  /** The TTL counts from `status.lastActivity` instead of creation. */
  ttlAfterLastActivity?: boolean;
  /** Read leniently (lib/scope/read.ts): a newer platform may send fields this console does not know. */
  scope?: unknown;
  type?: AccessKeyType | (string & {});
  /** Anything else the platform sends (identity, oidcLogin, parent…): never shown. */
  [field: string]: unknown;
}

export interface OwnedAccessKey {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta & { resourceVersion?: string };
  spec?: OwnedAccessKeySpec;
  /** `lastActivity` is a metav1.Time (RFC 3339) on current platforms. */
  status?: { lastActivity?: string | number | null };
}

/** What `createOwnedAccessKey` sends: no `key` (the platform generates the secret). */
export interface OwnedAccessKeyCreate {
  metadata?: { name?: string; generateName?: string };
  spec: {
    displayName?: string;
    description?: string;
    user?: string;
    team?: string;
    ttl?: number;
    ttlAfterLastActivity?: boolean;
    scope?: AccessKeyScope;
    type?: AccessKeyType;
  };
}

/**
 * The created key: `spec.key` is its secret, returned by this one response only. It is absent when
 * nothing was stored (a dry run) or a platform did not return it; a caller treats that as a failure.
 */
export type CreatedOwnedAccessKey = OwnedAccessKey & {
  spec: OwnedAccessKeySpec & { key?: string };
};

/** `POST ownedaccesskeys`: a new key of the caller's (or, for an admin, of `spec.user`/`spec.team`). */
export const createOwnedAccessKey = (accessKey: string, body: OwnedAccessKeyCreate) =>
  managementRequest<CreatedOwnedAccessKey>(accessKey, PATH, {
    method: "POST",
    body: {
      apiVersion: API_VERSION,
      kind: "OwnedAccessKey",
      metadata: body.metadata ?? {},
      spec: body.spec,
    },
    what: "Creating the access key (POST ownedaccesskeys)",
  });

/**
 * One page of `GET ownedaccesskeys`. A user's key lists the user's own keys; an admin's lists
 * everyone's, so callers filter by owner (lib/access-keys/filter.ts).
 */
export const listOwnedAccessKeys = (accessKey: string, q: ListQuery = {}) =>
  managementRequest<List<OwnedAccessKey>>(accessKey, PATH, {
    query: { limit: q.limit, continue: q.continue, labelSelector: q.labelSelector },
    what: "Listing your access keys (GET ownedaccesskeys)",
  });

/** `GET ownedaccesskeys/<name>` (404 for another user's key). */
export const readOwnedAccessKey = (accessKey: string, name: string) =>
  managementRequest<OwnedAccessKey>(accessKey, one(name), {
    what: `Reading access key ${name} (GET ownedaccesskeys/${name})`,
  });

/**
 * Disables or enables a key with a JSON merge patch of `spec.disabled`. With `resourceVersion` the
 * patch applies only to the key as it was read (409 Conflict otherwise).
 */
export const setOwnedAccessKeyDisabled = (
  accessKey: string,
  name: string,
  disabled: boolean,
  resourceVersion?: string,
) =>
  managementRequest<OwnedAccessKey>(accessKey, one(name), {
    method: "PATCH",
    contentType: "application/merge-patch+json",
    body: {
      ...(resourceVersion ? { metadata: { resourceVersion } } : {}),
      spec: { disabled },
    },
    what: `${disabled ? "Disabling" : "Enabling"} access key ${name} (PATCH ownedaccesskeys/${name})`,
  });

/**
 * `DELETE ownedaccesskeys/<name>`. With `uid` the platform deletes only the key that was read (a key
 * deleted and created again under the same name meanwhile is left alone: 409 Conflict).
 */
export const deleteOwnedAccessKey = (accessKey: string, name: string, uid?: string) =>
  managementRequest<unknown>(accessKey, one(name), {
    method: "DELETE",
    body: uid ? { apiVersion: "v1", kind: "DeleteOptions", preconditions: { uid } } : undefined,
    what: `Deleting access key ${name} (DELETE ownedaccesskeys/${name})`,
  });
