import type { StatusCause } from "@/lib/scope/causes";
import { sameJson } from "@/lib/same-json";
import { ownerId, type Principal } from "../auth";
import { readJson } from "../http";
import { UserCreate, UserUpdate } from "../schemas";
import { ConflictError, type ApiObject } from "../store";
import { alreadyExists, cannot, forbidden, invalid, notFound } from "../status";
import { readCreate } from "./create";
import { listReply, parseListQuery } from "./list";
import { compact, newMeta, objectOf } from "./new-object";
import { mergePatch, readPatch } from "./patch";
import { replaceObject } from "./replace";
import { write } from "./write";
import type { Ctx, Reply, Resource } from "./types";

/**
 * A user's token generation: `spec.tokenGeneration`, absent = 0. Tokens carry it as `loft.sh.gen`
 * (omitted when 0); one whose `gen` is below the user's current value is refused.
 */
export function tokenGenerationOf(user: ApiObject): number {
  const gen = user.spec.tokenGeneration;
  return typeof gen === "number" && Number.isSafeInteger(gen) && gen > 0 ? gen : 0;
}

/** The text `?search=` matches for a user (besides its name). */
const searchTextOf = (spec: Record<string, unknown>) =>
  `${typeof spec.displayName === "string" ? spec.displayName : ""}\n${typeof spec.username === "string" ? spec.username : ""}`;

/** The field a non-admin may change, on their own user only: raising it by one. */
const SELF_SERVICE = "spec.tokenGeneration";

/**
 * Whether `principal` is user `name` itself, by owner id: a team's key is never the user of the
 * same name (team `ops` is `team:ops`, user `ops` is `ops`).
 */
const isOwnUser = (principal: Principal, name: string) => principal.owner === ownerId("User", name);

/**
 * A non-admin may write only their own user (403 before the body is read, as RBAC answers), so a
 * team's key none; an admin any.
 */
function authorizeWrite(ctx: Ctx, verb: "patch" | "update", name: string) {
  const { principal } = ctx;
  if (!principal.admin && !isOwnUser(principal, name)) {
    throw cannot(principal, verb, "users", name);
  }
}

/** The fields `next` changes besides what a non-admin may change (spec.tokenGeneration). */
function changedFields(current: ApiObject, next: ApiObject): string[] {
  const changed: string[] = [];
  const keys = new Set([...Object.keys(current.spec), ...Object.keys(next.spec)]);
  for (const key of [...keys].sort()) {
    if (key === "tokenGeneration") continue;
    if (!sameJson(current.spec[key], next.spec[key])) changed.push(`spec.${key}`);
  }
  for (const key of ["labels", "annotations"] as const) {
    if (!sameJson(current.metadata[key] ?? {}, next.metadata[key] ?? {})) {
      changed.push(`metadata.${key}`);
    }
  }
  return changed;
}

/**
 * Who may change what: an admin anything; anyone else only their own `spec.tokenGeneration`, and
 * only by raising it by exactly one (403 Forbidden naming each field otherwise: a stolen key must
 * not pin the value so high that nobody can raise it again). For everyone, `spec.tokenGeneration`
 * never goes down (422 Invalid): a lower value would accept again the tokens raising it revoked.
 */
function checkChange(ctx: Ctx, resource: Resource, current: ApiObject, next: ApiObject) {
  const name = current.metadata.name;
  const was = tokenGenerationOf(current);
  const wanted = tokenGenerationOf(next);
  const { principal } = ctx;
  if (!principal.admin) {
    const others = changedFields(current, next);
    const causes: StatusCause[] = others.map((field) => ({
      field,
      reason: "FieldValueForbidden",
      message: `Forbidden: only an admin may change ${field}`,
    }));
    const reasons: string[] = [];
    if (others.length) {
      reasons.push(
        `User "${principal.name}" may change only ${SELF_SERVICE} of their own user (to raise it by exactly one); this request also changes ${others.join(", ")}`,
      );
    }
    if (wanted > was + 1) {
      const why = `a user may raise their own ${SELF_SERVICE} by exactly one (from ${was} to ${was + 1}); only an admin may set another value`;
      causes.push({
        field: SELF_SERVICE,
        reason: "FieldValueForbidden",
        message: `Forbidden: may not be set to ${wanted}: ${why}`,
      });
      reasons.push(`User "${principal.name}" may not set ${SELF_SERVICE} to ${wanted}: ${why}`);
    }
    if (causes.length) throw forbidden("users", name, reasons.join("; "), causes);
  }
  if (wanted < was) {
    throw invalid(resource.kind, "users", name, [
      {
        field: SELF_SERVICE,
        reason: "FieldValueInvalid",
        message: `Invalid value: ${wanted}: may not be lowered (it is ${was}): a lower generation would accept again the tokens raising it revoked`,
      },
    ]);
  }
}

/** Reads user `name` inside the write (404 when missing), then replaces it with `change(current)`. */
function writeUser(
  ctx: Ctx,
  resource: Resource,
  name: string,
  change: (current: ApiObject) => unknown,
): Reply {
  const user = write(ctx, () => {
    const current = ctx.platform.store.get("users", "", name);
    if (!current) throw notFound("users", name);
    // Who may change what, and that spec.tokenGeneration never goes down: checkChange.
    return replaceObject(ctx, resource, current, change(current), {
      schema: UserUpdate,
      admit: (was, next) => checkChange(ctx, resource, was, next),
      searchText: searchTextOf,
    });
  });
  return { code: 200, body: user };
}

export const users: Resource = {
  plural: "users",
  singular: "user",
  kind: "User",
  namespaced: false,
  verbs: ["create", "get", "list", "patch", "update"],
  schema: UserCreate,

  list(ctx) {
    const { principal } = ctx;
    // A team is no user: it may not list them.
    if (principal.kind !== "User") throw cannot(principal, "list", "users");
    const q = parseListQuery(ctx, this);
    // Every user but an admin sees only themselves.
    if (!principal.admin) q.fields.push({ field: "metadata.name", op: "=", value: principal.name });
    return listReply(this, ctx.platform.store.list("users", q));
  },

  get(ctx, name) {
    if (!ctx.principal.admin && !isOwnUser(ctx.principal, name)) {
      throw cannot(ctx.principal, "get", "users", name);
    }
    const user = ctx.platform.store.get("users", "", name);
    if (!user) throw notFound("users", name);
    return { code: 200, body: user };
  },

  async create(ctx) {
    const { data, name, meta } = await readCreate(ctx, this, UserCreate);
    if (!ctx.principal.admin) throw cannot(ctx.principal, "create", "users", name);
    const store = ctx.platform.store;
    const user = write(ctx, () => {
      const spec = compact({ username: name, ...data.spec });
      const u = objectOf(this, newMeta(store, name, meta), spec, {});
      try {
        store.insert("users", u, searchTextOf(spec));
      } catch (error) {
        if (error instanceof ConflictError) throw alreadyExists("users", name);
        throw error;
      }
      return u;
    });
    return { code: 201, body: user };
  },

  /** `PUT users/<name>`: the whole user (as GET returns it, changed). */
  async update(ctx, name) {
    authorizeWrite(ctx, "update", name);
    const body = await readJson(ctx.req);
    return writeUser(ctx, this, name, () => body);
  },

  /** `PATCH users/<name>`: a merge patch on the stored user, then as PUT. */
  async patch(ctx, name) {
    authorizeWrite(ctx, "patch", name);
    const patch = await readPatch(ctx);
    return writeUser(ctx, this, name, (current) => mergePatch(current, patch));
  },
};
