import { hashKey, newAccessKey, ownerId, type PrincipalKind } from "../auth";
import { escalationCauses, escalationForbidden } from "../key-scope";
import { OwnedAccessKeyCreate } from "../schemas";
import { ConflictError, type ApiObject, type Store } from "../store";
import { alreadyExists, cannot, notFound } from "../status";
import {
  compact,
  isDryRun,
  listReply,
  newMeta,
  objectOf,
  parseListQuery,
  readCreate,
  write,
} from "./common";
import type { Ctx, Resource } from "./types";

/**
 * Stores an access key object and the hash of its secret (call inside a transaction). `owner` is
 * the owner id (`ownerId`): the user's name, or `team:<name>` for a team's key; it goes into
 * `key_hashes.user`, which `authenticate` resolves and every key check compares.
 */
export function insertAccessKey(store: Store, key: ApiObject, owner: string, secret: string) {
  const id = store.insert("ownedaccesskeys", key, String(key.spec.displayName ?? ""));
  store
    .stmt("INSERT INTO key_hashes (hash, object, user) VALUES (?, ?, ?)")
    .run(hashKey(secret), id, owner);
}

/** Deletes every access key of `owner` (an owner id), e.g. of a team being deleted. */
export function deleteAccessKeysOf(store: Store, owner: string) {
  store
    .stmt(
      `DELETE FROM objects WHERE kind = 'ownedaccesskeys'
       AND id IN (SELECT object FROM key_hashes WHERE user = ?)`,
    )
    .run(owner);
}

function ownerOf(ctx: Ctx, name: string) {
  const row = ctx.platform.store
    .stmt(
      `SELECT k.user FROM key_hashes k JOIN objects o ON o.id = k.object
       WHERE o.kind = 'ownedaccesskeys' AND o.namespace = '' AND o.name = ?`,
    )
    .get(name) as { user: string } | undefined;
  return row?.user;
}

/**
 * A non-admin reaching for someone else's key gets 404, as if it did not exist. Owner ids are
 * compared: user `ops` never sees team `ops`'s keys, nor the other way round.
 */
function visible(ctx: Ctx, name: string) {
  const owner = ownerOf(ctx, name);
  return owner !== undefined && (ctx.principal.admin || owner === ctx.principal.owner);
}

export const ownedAccessKeys: Resource = {
  plural: "ownedaccesskeys",
  singular: "ownedaccesskey",
  kind: "OwnedAccessKey",
  namespaced: false,
  verbs: ["create", "delete", "get", "list"],
  schema: OwnedAccessKeyCreate,
  createChecksEscalation: true,

  list(ctx) {
    const q = parseListQuery(ctx, this);
    if (!ctx.principal.admin) q.ownedBy = ctx.principal.owner;
    return listReply(this, ctx.platform.store.list("ownedaccesskeys", q));
  },

  get(ctx, name) {
    const key = visible(ctx, name)
      ? ctx.platform.store.get("ownedaccesskeys", "", name)
      : undefined;
    if (!key) throw notFound("ownedaccesskeys", name);
    return { code: 200, body: key };
  },

  /** The secret is returned in spec.key of this response only; the store keeps its hash. */
  async create(ctx) {
    const { data, name, meta } = await readCreate(ctx, this, OwnedAccessKeyCreate);
    const { principal } = ctx;
    // The owner: spec.team, spec.user (never both: 422), else the caller itself. Anyone but an
    // admin creates keys only for itself (a team's key for its own team).
    const spec: NonNullable<typeof data.spec> = data.spec ?? {};
    const kind: PrincipalKind =
      spec.team !== undefined ? "Team" : spec.user !== undefined ? "User" : principal.kind;
    const ownerName = spec.team ?? spec.user ?? principal.name;
    const owner = ownerId(kind, ownerName);
    if (owner !== principal.owner && !principal.admin) {
      throw cannot(principal, "create", "ownedaccesskeys", name);
    }
    // A scoped key creates only keys within its own scope and lifetime.
    const ttl = data.spec?.ttl;
    const escalation = escalationCauses(
      principal,
      data.spec?.scope,
      ttl === undefined ? undefined : Date.now() + ttl * 1000,
      ttl === undefined
        ? "a key without a ttl never expires, so it"
        : `a key living ${ttl} seconds`,
    );
    if (escalation.length) {
      throw escalationForbidden(principal, this.plural, name, "create access keys", escalation);
    }
    const store = ctx.platform.store;
    const secret = newAccessKey();
    const key = write(ctx, () => {
      const plural = kind === "Team" ? "teams" : "users";
      if (!store.get(plural, "", ownerName)) throw notFound(plural, ownerName);
      const ownerField = kind === "Team" ? { team: ownerName } : { user: ownerName };
      const k = objectOf(this, newMeta(store, name, meta), compact({ ...spec, ...ownerField }), {});
      try {
        insertAccessKey(store, k, owner, secret);
      } catch (error) {
        if (error instanceof ConflictError) throw alreadyExists("ownedaccesskeys", name);
        throw error;
      }
      return k;
    });
    // A dry run stores nothing, so its generated secret would open nothing: not returned.
    if (isDryRun(ctx)) return { code: 201, body: key };
    return { code: 201, body: { ...key, spec: { ...key.spec, key: secret } } };
  },

  delete(ctx, name) {
    if (!visible(ctx, name)) throw notFound("ownedaccesskeys", name);
    const store = ctx.platform.store;
    const key = write(ctx, () => {
      const k = store.get("ownedaccesskeys", "", name);
      if (!k) throw notFound("ownedaccesskeys", name);
      store.delete("ownedaccesskeys", "", name);
      return k;
    });
    return { code: 200, body: key };
  },
};
