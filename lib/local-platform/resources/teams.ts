import { ownerId } from "../auth";
import { TeamCreate } from "../schemas";
import { ConflictError } from "../store";
import { alreadyExists, cannot, notFound } from "../status";
import { deleteAccessKeysOf } from "./access-keys";
import { readCreate } from "./create";
import { listReply, parseListQuery } from "./list";
import { compact, newMeta, objectOf } from "./new-object";
import { write } from "./write";
import type { Ctx, Resource } from "./types";

/** Whether the caller is team `name` itself (its own key), by owner id: never the user `name`. */
const isOwnTeam = (ctx: Ctx, name: string) => ctx.principal.owner === ownerId("Team", name);

/**
 * Teams (management.loft.sh/v1 `Team`, cluster-scoped): `spec.displayName`, `spec.description`,
 * `spec.users`. Admins create, read, list and delete them; a team's own key may read (and list)
 * only its team; anyone else is 403. A team is a project member through `spec.members` entries of
 * kind Team (membership rows `team:<name>`); `spec.users` is kept, but grants its users nothing
 * here. Deleting a team deletes its access keys (a team created again under the name does not
 * inherit them); its tokens stop working because the uid they carry is gone.
 */
export const teams: Resource = {
  plural: "teams",
  singular: "team",
  kind: "Team",
  namespaced: false,
  verbs: ["create", "delete", "get", "list"],
  schema: TeamCreate,

  list(ctx) {
    const { principal } = ctx;
    if (!principal.admin && principal.kind !== "Team") throw cannot(principal, "list", "teams");
    const q = parseListQuery(ctx, this);
    if (!principal.admin) q.fields.push({ field: "metadata.name", op: "=", value: principal.name });
    return listReply(this, ctx.platform.store.list("teams", q));
  },

  get(ctx, name) {
    if (!ctx.principal.admin && !isOwnTeam(ctx, name)) {
      throw cannot(ctx.principal, "get", "teams", name);
    }
    const team = ctx.platform.store.get("teams", "", name);
    if (!team) throw notFound("teams", name);
    return { code: 200, body: team };
  },

  async create(ctx) {
    const { data, name, meta } = await readCreate(ctx, this, TeamCreate);
    if (!ctx.principal.admin) throw cannot(ctx.principal, "create", "teams", name);
    const store = ctx.platform.store;
    const team = write(ctx, () => {
      const spec = compact({ ...data.spec });
      const t = objectOf(this, newMeta(store, name, meta), spec, {});
      try {
        store.insert("teams", t, spec.displayName ?? "");
      } catch (error) {
        if (error instanceof ConflictError) throw alreadyExists("teams", name);
        throw error;
      }
      return t;
    });
    return { code: 201, body: team };
  },

  delete(ctx, name) {
    if (!ctx.principal.admin) throw cannot(ctx.principal, "delete", "teams", name);
    const store = ctx.platform.store;
    const team = write(ctx, () => {
      const t = store.get("teams", "", name);
      if (!t) throw notFound("teams", name);
      deleteAccessKeysOf(store, ownerId("Team", name));
      store.delete("teams", "", name);
      return t;
    });
    return { code: 200, body: team };
  },
};
