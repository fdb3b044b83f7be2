import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { ADMIN_CLUSTER_ROLE } from "./schemas";
import type { ApiObject, Store } from "./store";
import { unauthorized } from "./status";

export interface Principal {
  /** User name (metadata.name of the User). */
  name: string;
  user: ApiObject;
  admin: boolean;
  /** Name of the OwnedAccessKey used for this request. */
  accessKey: string;
  scope?: AccessKeyScope;
  /** When the key stops working (ms since the epoch); undefined = it has no ttl. */
  expires?: number;
}

export const hashKey = (key: string) => crypto.createHash("sha256").update(key).digest("hex");

/** A new access key secret: 64 URL-safe characters (384 random bits). */
export const newAccessKey = () => crypto.randomBytes(48).toString("base64url");

export function isAdmin(user: ApiObject): boolean {
  const roles = user.spec.clusterRoles;
  return (
    Array.isArray(roles) && roles.some((r) => (r as { name?: unknown }).name === ADMIN_CLUSTER_ROLE)
  );
}

/** Resolves `Authorization: Bearer <access key>` to a principal, or throws 401. */
export function authenticate(store: Store, req: IncomingMessage): Principal {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S{1,1024})\s*$/i.exec(header);
  if (!match) throw unauthorized();
  const row = store
    .stmt(
      `SELECT a.body AS key, u.body AS user FROM key_hashes k
       JOIN objects a ON a.id = k.object
       JOIN objects u ON u.kind = 'users' AND u.namespace = '' AND u.name = k.user
       WHERE k.hash = ?`,
    )
    .get(hashKey(match[1]!)) as { key: string; user: string } | undefined;
  if (!row) throw unauthorized();
  const key = JSON.parse(row.key) as ApiObject;
  const ttl = key.spec.ttl;
  let expires: number | undefined;
  if (typeof ttl === "number") {
    expires = Date.parse(key.metadata.creationTimestamp) + ttl * 1000;
    if (Date.now() >= expires) throw unauthorized();
  }
  const user = JSON.parse(row.user) as ApiObject;
  return {
    name: user.metadata.name,
    user,
    admin: isAdmin(user),
    accessKey: key.metadata.name,
    scope: key.spec.scope as AccessKeyScope | undefined,
    expires,
  };
}

export function isMember(store: Store, user: string, project: string): boolean {
  return (
    store.stmt("SELECT 1 FROM members WHERE user = ? AND project = ?").get(user, project) !==
    undefined
  );
}
