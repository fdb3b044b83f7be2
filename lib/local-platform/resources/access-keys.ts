import type { StatusCause } from "@/lib/scope/causes";
import { sameJson } from "@/lib/same-json";
import { hashKey, newAccessKey, ownerId, type PrincipalKind } from "../auth";
import { readJson } from "../http";
import { escalationCauses, escalationForbidden } from "../key-scope";
import { OwnedAccessKeyCreate, OwnedAccessKeyUpdate } from "../schemas";
import { ConflictError, type ApiObject, type Store } from "../store";
import { alreadyExists, cannot, invalid, notFound } from "../status";
import { readCreate } from "./create";
import { listReply, parseListQuery } from "./list";
import { compact, newMeta, objectOf, randomSuffix } from "./new-object";
import { mergePatch, readPatch } from "./patch";
import { replaceObject } from "./replace";
import { isDryRun, write } from "./write";
import type { Ctx, Reply, Resource } from "./types";

const PLURAL = "ownedaccesskeys";

/** The spec fields PUT and PATCH may change; any other changing is 422 (immutable). */
export const MUTABLE_KEY_FIELDS = ["description", "disabled", "displayName"] as const;

/**
 * Stores an access key object and the hash of its secret (call inside a transaction). `owner` is
 * the owner id (`ownerId`): the user's name, or `team:<name>` for a team's key; it goes into
 * `key_hashes.user`, which `authenticate` resolves and every key check compares.
 */
export function insertAccessKey(store: Store, key: ApiObject, owner: string, secret: string) {
  const id = store.insert(PLURAL, key, String(key.spec.displayName ?? ""));
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

function keyRow(ctx: Ctx, name: string) {
  return ctx.platform.store
    .stmt(
      `SELECT k.user, k.hash FROM key_hashes k JOIN objects o ON o.id = k.object
       WHERE o.kind = 'ownedaccesskeys' AND o.namespace = '' AND o.name = ?`,
    )
    .get(name) as { user: string; hash: string } | undefined;
}

/**
 * A non-admin reaching for someone else's key gets 404, as if it did not exist. Owner ids are
 * compared: user `ops` never sees team `ops`'s keys, nor the other way round.
 */
function visible(ctx: Ctx, name: string) {
  const owner = keyRow(ctx, name)?.user;
  return owner !== undefined && (ctx.principal.admin || owner === ctx.principal.owner);
}

/**
 * Why a new key's `ttl` is refused under the platform-wide maximum
 * (`LOCAL_PLATFORM_ACCESS_KEY_MAX_TTL`, a current platform's `auth.accessKeyMaxTTLSeconds`; 0 =
 * none): above it, or absent (a key that never expires) while there is one. Both causes say
 * `the platform's maximum access key lifetime is <N> seconds`.
 */
function maxTtlCauses(max: number, ttl: number | undefined): StatusCause[] {
  if (max === 0) return [];
  const limit = `the platform's maximum access key lifetime is ${max} seconds`;
  if (ttl === undefined) {
    return [
      {
        field: "spec.ttl",
        reason: "FieldValueRequired",
        message: `Required value: ${limit}, so a key needs a ttl of at most ${max}`,
      },
    ];
  }
  if (ttl <= max) return [];
  return [
    {
      field: "spec.ttl",
      reason: "FieldValueInvalid",
      message: `Invalid value: ${ttl}: must be at most ${max}: ${limit}`,
    },
  ];
}

/** A client value inside a message: JSON, at most 100 characters. */
const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? "null";
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
};

/**
 * One 422 cause per spec field `next` changes besides MUTABLE_KEY_FIELDS (owner, ttl,
 * ttlAfterLastActivity, scope, type), Kubernetes' "field is immutable". `spec.key` is the secret:
 * sending the key's own secret is no change; any other value is refused, never echoed.
 */
function immutableCauses(current: ApiObject, next: Record<string, unknown>): StatusCause[] {
  const causes: StatusCause[] = [];
  const keys = new Set([...Object.keys(current.spec), ...Object.keys(next)]);
  for (const key of [...keys].sort()) {
    if ((MUTABLE_KEY_FIELDS as readonly string[]).includes(key)) continue;
    if (sameJson(current.spec[key], next[key])) continue;
    causes.push(
      key === "key"
        ? {
            field: "spec.key",
            reason: "FieldValueForbidden",
            message: "Forbidden: the secret of an access key never changes; create a new key",
          }
        : {
            field: `spec.${key}`,
            reason: "FieldValueInvalid",
            message: `Invalid value: ${shown(next[key])}: field is immutable (only spec.displayName, spec.description and spec.disabled may change)`,
          },
    );
  }
  return causes;
}

/**
 * PUT and PATCH: only the key's owner (admins: any key); anyone else gets 404 before the body is
 * read, as for GET and DELETE. Reads the key inside the write, then replaces it with
 * `change(current)`.
 */
async function writeKey(
  ctx: Ctx,
  resource: Resource,
  name: string,
  read: () => Promise<unknown>,
  change: (current: ApiObject, body: unknown) => unknown,
): Promise<Reply> {
  if (!visible(ctx, name)) throw notFound(PLURAL, name);
  const body = await read();
  const key = write(ctx, () => {
    const current = ctx.platform.store.get(PLURAL, "", name);
    const row = keyRow(ctx, name);
    if (!current || !row) throw notFound(PLURAL, name);
    return replaceObject(ctx, resource, current, change(current, body), {
      schema: OwnedAccessKeyUpdate,
      admit: (was, next) => {
        // The create response's own secret sent back (a PUT of what create returned) is no change.
        const sent = next.spec.key;
        if (typeof sent === "string" && hashKey(sent) === row.hash) delete next.spec.key;
        const causes = immutableCauses(was, next.spec);
        if (causes.length) throw invalid(resource.kind, PLURAL, name, causes);
      },
      searchText: (spec) => String(spec.displayName ?? ""),
    });
  });
  return { code: 200, body: key };
}

/** A name from `generateName` (as readCreate makes one): the prefix (≤ 58) and 5 random characters. */
const generatedName = (prefix: string) => `${prefix.slice(0, 58)}${randomSuffix()}`;

export const ownedAccessKeys: Resource = {
  plural: PLURAL,
  singular: "ownedaccesskey",
  kind: "OwnedAccessKey",
  namespaced: false,
  verbs: ["create", "delete", "get", "list", "patch", "update"],
  schema: OwnedAccessKeyCreate,
  createChecksEscalation: true,

  list(ctx) {
    const q = parseListQuery(ctx, this);
    if (!ctx.principal.admin) q.ownedBy = ctx.principal.owner;
    return listReply(this, ctx.platform.store.list(PLURAL, q));
  },

  get(ctx, name) {
    const key = visible(ctx, name) ? ctx.platform.store.get(PLURAL, "", name) : undefined;
    if (!key) throw notFound(PLURAL, name);
    return { code: 200, body: key };
  },

  /** The secret is returned in spec.key of this response only; the store keeps its hash. */
  async create(ctx) {
    const { data, name, meta } = await readCreate(ctx, this, OwnedAccessKeyCreate);
    const { principal, platform } = ctx;
    const spec: NonNullable<typeof data.spec> = data.spec ?? {};
    const ttl = spec.ttl;
    const tooLong = maxTtlCauses(platform.config.LOCAL_PLATFORM_ACCESS_KEY_MAX_TTL, ttl);
    if (tooLong.length) throw invalid(this.kind, PLURAL, name, tooLong);
    // The owner: spec.team, spec.user (never both: 422), else the caller itself. Anyone but an
    // admin creates keys only for itself (a team's key for its own team).
    const kind: PrincipalKind =
      spec.team !== undefined ? "Team" : spec.user !== undefined ? "User" : principal.kind;
    const ownerName = spec.team ?? spec.user ?? principal.name;
    const owner = ownerId(kind, ownerName);
    if (owner !== principal.owner && !principal.admin) {
      throw cannot(principal, "create", PLURAL, name);
    }
    // A scoped key creates only keys within its own scope and lifetime. A key expiring only when
    // unused may live as long as it is used: it has no end to compare.
    const now = platform.clock();
    const idle = spec.ttlAfterLastActivity === true && ttl !== undefined;
    const escalation = escalationCauses(
      principal,
      spec.scope,
      ttl === undefined || idle ? undefined : now + ttl * 1000,
      ttl === undefined
        ? "a key without a ttl never expires, so it"
        : idle
          ? `a key expiring only after ${ttl} seconds unused (ttlAfterLastActivity) lives as long as it is used, so it`
          : `a key living ${ttl} seconds`,
      now,
    );
    if (escalation.length) {
      throw escalationForbidden(principal, PLURAL, name, "create access keys", escalation);
    }
    const store = platform.store;
    const secret = newAccessKey();
    const key = write(ctx, () => {
      const plural = kind === "Team" ? "teams" : "users";
      if (!store.get(plural, "", ownerName)) throw notFound(plural, ownerName);
      const ownerField = kind === "Team" ? { team: ownerName } : { user: ownerName };
      const keySpec = compact({ ...spec, ...ownerField });
      // A generated name that is taken gets another suffix (up to 8 tries, as Kubernetes' API
      // server retries generateName); a chosen one is 409 AlreadyExists.
      for (let attempt = 1, keyName = name; ; attempt++) {
        const k = objectOf(this, newMeta(store, keyName, meta, undefined, now), keySpec, {});
        try {
          insertAccessKey(store, k, owner, secret);
          return k;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          if (meta.name !== undefined || !meta.generateName || attempt >= 8) {
            throw alreadyExists(PLURAL, keyName);
          }
          keyName = generatedName(meta.generateName);
        }
      }
    });
    // A dry run stores nothing, so its generated secret would open nothing: not returned.
    if (isDryRun(ctx)) return { code: 201, body: key };
    return { code: 201, body: { ...key, spec: { ...key.spec, key: secret } } };
  },

  /** `PUT ownedaccesskeys/<name>`: the whole key (as GET returns it, changed). */
  update(ctx, name) {
    return writeKey(
      ctx,
      this,
      name,
      () => readJson(ctx.req),
      (_, body) => body,
    );
  },

  /** `PATCH ownedaccesskeys/<name>`: a merge patch on the stored key, then as PUT. */
  patch(ctx, name) {
    return writeKey(
      ctx,
      this,
      name,
      () => readPatch(ctx),
      (current, patch) => mergePatch(current, patch),
    );
  },

  delete(ctx, name) {
    if (!visible(ctx, name)) throw notFound(PLURAL, name);
    const store = ctx.platform.store;
    const key = write(ctx, () => {
      const k = store.get(PLURAL, "", name);
      if (!k) throw notFound(PLURAL, name);
      store.delete(PLURAL, "", name);
      return k;
    });
    return { code: 200, body: key };
  },
};
