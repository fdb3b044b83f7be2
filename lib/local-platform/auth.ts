import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import { explainAccess, type CheckId } from "@/lib/explain/checks";
import type { AccessKeyFacts, OwnerFacts } from "@/lib/explain/facts";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { deepFreeze } from "./frozen";
import { ReadCache } from "./read-cache";
import { isAdmin } from "./roles";
import type { ApiObject, Store } from "./store";
import { unauthorized } from "./status";
import { rfc3339 } from "./time";

/** What owns an access key and holds project memberships: a User or a Team. */
export type PrincipalKind = "User" | "Team";

const TEAM_OWNER = "team:";

/** Authentication does not look at the request: any will do. */
const NO_TARGET = { access: { target: { kind: "Management" as const } } };

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
  /**
   * When the key stops working (ms since the epoch); undefined = it has no ttl. For a key with
   * `ttlAfterLastActivity`, when it stops working unless it is used again (`keyExpiry`).
   */
  expires?: number;
}

export const hashKey = (key: string) => crypto.hash("sha256", key, "hex");

/** A new access key secret: 64 URL-safe characters (384 random bits). */
export const newAccessKey = () => crypto.randomBytes(48).toString("base64url");

/**
 * How often a key's `status.lastActivity` is written at most: a request at least this long after
 * the recorded value (compared in whole seconds) records its own time; one sooner writes nothing.
 */
export const ACTIVITY_INTERVAL_MS = 60_000;

/** `status.lastActivity` of a stored key in ms since the epoch; undefined when never recorded. */
function lastActivityOf(key: ApiObject): number | undefined {
  const value = key.status?.lastActivity;
  const ms = typeof value === "string" ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * When a stored key stops working (ms since the epoch); undefined = never (no `ttl`). With
 * `spec.ttlAfterLastActivity: true` the `ttl` counts from the recorded `status.lastActivity` (the
 * key's creation while it was never used), otherwise from `metadata.creationTimestamp`. Activity is
 * recorded at most once a minute, so an idle-expiring key ends recorded activity + ttl, which can
 * be up to a minute before its last actual use + ttl.
 */
export function keyExpiry(key: ApiObject): number | undefined {
  const ttl = key.spec.ttl;
  if (typeof ttl !== "number") return undefined;
  const created = Date.parse(key.metadata.creationTimestamp);
  const from = key.spec.ttlAfterLastActivity === true ? (lastActivityOf(key) ?? created) : created;
  return from + ttl * 1000;
}

/**
 * Records that key `id` (its object row) was used at `now`, unless its recorded
 * `status.lastActivity` is less than ACTIVITY_INTERVAL_MS older (whole seconds): at most one write a
 * minute per key, so the hot path (token issuance) almost never writes. Only `status.lastActivity`
 * changes, in place (`json_set`); `metadata.resourceVersion` stays, so a client's PUT or PATCH
 * with the version it read is not refused because a key was used meanwhile. Returns the key as it
 * now stands.
 */
function recordActivity(store: Store, id: number, key: ApiObject, now: number): ApiObject {
  const recorded = lastActivityOf(key);
  const second = Math.floor(now / 1000) * 1000;
  if (recorded !== undefined && second - recorded < ACTIVITY_INTERVAL_MS) return key;
  const lastActivity = rfc3339(second);
  store
    .stmt("UPDATE objects SET body = json_set(body, '$.status.lastActivity', ?) WHERE id = ?")
    .run(lastActivity, id);
  return { ...key, status: { ...key.status, lastActivity } };
}

/** The bearer credential of a request, or a 401 when there is none. */
export function bearerOf(req: IncomingMessage): string {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S{1,1024})\s*$/i.exec(header);
  if (!match) throw unauthorized("signature");
  return match[1]!;
}

/**
 * Resolves `Authorization: Bearer <access key>` to a principal (the user or team owning the key),
 * or throws 401. The owner id decides the table: `team:<name>` is team `<name>`, else a user.
 * See `authenticateKey`.
 */
export function authenticate(store: Store, req: IncomingMessage, now = Date.now()): Principal {
  return authenticateKey(store, bearerOf(req), now);
}

/** What the platform knows about an access key secret: the facts `explainAccess` decides on. */
export interface KeyLookup {
  credential: AccessKeyFacts;
  owner: OwnerFacts;
  /** The stored key and its owner's object (undefined: no key has this secret, or its owner is gone). */
  found?: { id: number; key: ApiObject; owner: string; object: ApiObject };
}

/** Looks a secret up (no side effects): unknown, disabled, expiring when, owner still there. */
export function lookupKey(store: Store, secret: string): KeyLookup {
  const hash = hashKey(secret);
  return knownKeysOf(store).get(hash, () => readKey(store, hash)) ?? UNKNOWN_KEY;
}

const UNKNOWN_KEY: KeyLookup = Object.freeze({
  credential: Object.freeze({ kind: "accessKey" as const, known: false }),
  owner: Object.freeze({}),
});

/**
 * Known keys' lookups by the hash of their secret, per store: read once, then reused until the
 * database changes (`ReadCache`), so a key disabled, expired, deleted or whose owner was deleted,
 * by this platform or through another connection to its database, is refused from the next request
 * on. Unknown secrets are not kept. Entries are shared between requests, hence frozen.
 */
const knownKeys = new WeakMap<Store, ReadCache<KeyLookup>>();
function knownKeysOf(store: Store): ReadCache<KeyLookup> {
  let cache = knownKeys.get(store);
  if (!cache) {
    cache = new ReadCache(store);
    knownKeys.set(store, cache);
  }
  return cache;
}

/** A key's row with its owner's object, from the database; undefined when no key has `hash`. */
function readKey(store: Store, hash: string): KeyLookup | undefined {
  const row = store
    .stmt(
      `SELECT a.id AS id, a.body AS key, k.user AS owner, o.body AS object FROM key_hashes k
       JOIN objects a ON a.id = k.object
       LEFT JOIN objects o ON o.namespace = ''
         AND o.kind = CASE WHEN substr(k.user, 1, ${TEAM_OWNER.length}) = '${TEAM_OWNER}'
                           THEN 'teams' ELSE 'users' END
         AND o.name = CASE WHEN substr(k.user, 1, ${TEAM_OWNER.length}) = '${TEAM_OWNER}'
                           THEN substr(k.user, ${TEAM_OWNER.length + 1}) ELSE k.user END
       WHERE k.hash = ?`,
    )
    .get(hash) as { id: number; key: string; owner: string; object: string | null } | undefined;
  if (!row) return undefined;
  const key = deepFreeze(JSON.parse(row.key) as ApiObject);
  const object = row.object === null ? undefined : deepFreeze(JSON.parse(row.object) as ApiObject);
  const { kind, name } = parseOwnerId(row.owner);
  return deepFreeze({
    credential: {
      kind: "accessKey",
      name: key.metadata.name,
      known: true,
      disabled: key.spec.disabled === true,
      expires: keyExpiry(key) ?? null,
      scope: key.spec.scope,
    },
    owner: { kind, name, exists: object !== undefined },
    found: object && { id: row.id, key, owner: row.owner, object },
  });
}

/**
 * Lookups that passed the authentication checks. The checks read the lookup (frozen, replaced when
 * the database changes) and the time, the time only against the key's expiry: a lookup that passed
 * before `credential.expires` passes at every moment before it, so that verdict is reused until then.
 */
const passedLookups = new WeakSet<KeyLookup>();

/** The authentication checks (lib/explain/checks.ts) on a looked-up key: the first that fails. */
export function keyRefusal(lookup: KeyLookup, now: number): CheckId | undefined {
  const { expires } = lookup.credential;
  const unexpired = expires === null || (expires !== undefined && now < expires);
  if (unexpired && passedLookups.has(lookup)) return undefined;
  const facts = { credential: lookup.credential, owner: lookup.owner, now };
  const decided = explainAccess(facts, NO_TARGET, { stage: "authentication" });
  if (decided.verdict === "refused") return decided.check;
  if (unexpired && decided.verdict === "allowed") passedLookups.add(lookup);
  return undefined;
}

/** A key let through: its use recorded (`recordActivity`: at most one write a minute). */
export function acceptKey(
  store: Store,
  found: NonNullable<KeyLookup["found"]>,
  now: number,
): Principal {
  const key = recordActivity(store, found.id, found.key, now);
  const { kind } = parseOwnerId(found.owner);
  return {
    kind,
    name: found.object.metadata.name,
    owner: found.owner,
    object: found.object,
    admin: kind === "User" && isAdmin(found.object),
    accessKey: key.metadata.name,
    scope: key.spec.scope as AccessKeyScope | undefined,
    // After recording this use: an idle-expiring key's end has moved with it.
    expires: keyExpiry(key),
  };
}

/**
 * An access key secret → its principal, or 401 when no key has that hash, the key is disabled
 * (`spec.disabled: true`), expired (`keyExpiry`, `now` at or past it) or its owner is gone: the
 * authentication checks of lib/explain/checks.ts, whose id the 401 carries (never its body). The
 * same function serves the management API and the direct cluster endpoints, so a key disabled,
 * expired or deleted is refused everywhere from the next request on. A key let through has its use
 * recorded (`recordActivity`: at most one write a minute).
 */
export function authenticateKey(store: Store, secret: string, now = Date.now()): Principal {
  const lookup = lookupKey(store, secret);
  const refusal = keyRefusal(lookup, now);
  if (refusal || !lookup.found) throw unauthorized(refusal ?? "owner-gone");
  return acceptKey(store, lookup.found, now);
}
