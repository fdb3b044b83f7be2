import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { ADMIN_CLUSTER_ROLE } from "./schemas";
import type { ApiObject, Store } from "./store";
import { unauthorized } from "./status";

/** What owns an access key and holds project memberships: a User or a Team. */
export type PrincipalKind = "User" | "Team";

const TEAM_OWNER = "team:";

/**
 * The owner id of a user or team: the user's name, or `team:<name>`. Names are DNS labels (no
 * colon), so team `ops` and user `ops` never share one. `key_hashes.user` and `members.user` hold
 * owner ids, and every identity check compares them, never bare names.
 */
export const ownerId = (kind: PrincipalKind, name: string) =>
  kind === "Team" ? `${TEAM_OWNER}${name}` : name;

/** `owner` read back: `team:ops` → Team ops, anything else a User. */
export function parseOwnerId(owner: string): { kind: PrincipalKind; name: string } {
  return owner.startsWith(TEAM_OWNER)
    ? { kind: "Team", name: owner.slice(TEAM_OWNER.length) }
    : { kind: "User", name: owner };
}

/** Who, in messages: `User "ops"` or `Team "ops"`. */
export const subjectText = (p: { kind: PrincipalKind; name: string }) => `${p.kind} "${p.name}"`;

export interface Principal {
  kind: PrincipalKind;
  /** metadata.name of the User or Team. For messages: identity checks compare `owner`. */
  name: string;
  /** The owner id (`ownerId`): the user's name, or `team:<name>`. */
  owner: string;
  /** The User or Team object. */
  object: ApiObject;
  /** Platform admin (a user with the admin cluster role); never a team. */
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

/**
 * Resolves `Authorization: Bearer <access key>` to a principal (the user or team owning the key),
 * or throws 401. The owner id decides the table: `team:<name>` is team `<name>`, else a user.
 */
export function authenticate(store: Store, req: IncomingMessage): Principal {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S{1,1024})\s*$/i.exec(header);
  if (!match) throw unauthorized();
  const row = store
    .stmt(
      `SELECT a.body AS key, k.user AS owner, o.body AS object FROM key_hashes k
       JOIN objects a ON a.id = k.object
       JOIN objects o ON o.namespace = ''
         AND o.kind = CASE WHEN substr(k.user, 1, ${TEAM_OWNER.length}) = '${TEAM_OWNER}'
                           THEN 'teams' ELSE 'users' END
         AND o.name = CASE WHEN substr(k.user, 1, ${TEAM_OWNER.length}) = '${TEAM_OWNER}'
                           THEN substr(k.user, ${TEAM_OWNER.length + 1}) ELSE k.user END
       WHERE k.hash = ?`,
    )
    .get(hashKey(match[1]!)) as { key: string; owner: string; object: string } | undefined;
  if (!row) throw unauthorized();
  const key = JSON.parse(row.key) as ApiObject;
  const ttl = key.spec.ttl;
  let expires: number | undefined;
  if (typeof ttl === "number") {
    expires = Date.parse(key.metadata.creationTimestamp) + ttl * 1000;
    if (Date.now() >= expires) throw unauthorized();
  }
  const object = JSON.parse(row.object) as ApiObject;
  const { kind } = parseOwnerId(row.owner);
  return {
    kind,
    name: object.metadata.name,
    owner: row.owner,
    object,
    admin: kind === "User" && isAdmin(object),
    accessKey: key.metadata.name,
    scope: key.spec.scope as AccessKeyScope | undefined,
    expires,
  };
}

/** Whether `owner` (an owner id, see `ownerId`) is a member of `project`. */
export function isMember(store: Store, owner: string, project: string): boolean {
  return (
    store.stmt("SELECT 1 FROM members WHERE user = ? AND project = ?").get(owner, project) !==
    undefined
  );
}
