import { UserCreate } from "../schemas";
import { ConflictError } from "../store";
import { alreadyExists, cannot, notFound } from "../status";
import { compact, listReply, newMeta, objectOf, parseListQuery, readCreate, write } from "./common";
import type { Resource } from "./types";

export const users: Resource = {
  plural: "users",
  singular: "user",
  kind: "User",
  namespaced: false,
  verbs: ["create", "get", "list"],
  schema: UserCreate,

  list(ctx) {
    const q = parseListQuery(ctx, this);
    // Everyone but an admin sees only themselves.
    if (!ctx.principal.admin)
      q.fields.push({ field: "metadata.name", op: "=", value: ctx.principal.name });
    return listReply(this, ctx.platform.store.list("users", q));
  },

  get(ctx, name) {
    if (!ctx.principal.admin && name !== ctx.principal.name) {
      throw cannot(ctx.principal.name, "get", "users", name);
    }
    const user = ctx.platform.store.get("users", "", name);
    if (!user) throw notFound("users", name);
    return { code: 200, body: user };
  },

  async create(ctx) {
    const { data, name, meta } = await readCreate(ctx, this, UserCreate);
    if (!ctx.principal.admin) throw cannot(ctx.principal.name, "create", "users", name);
    const store = ctx.platform.store;
    const user = write(ctx, () => {
      const spec = compact({ username: name, ...data.spec });
      const u = objectOf(this, newMeta(store, name, meta), spec, {});
      try {
        store.insert("users", u, `${spec.displayName ?? ""}\n${spec.username ?? ""}`);
      } catch (error) {
        if (error instanceof ConflictError) throw alreadyExists("users", name);
        throw error;
      }
      return u;
    });
    return { code: 201, body: user };
  },
};
