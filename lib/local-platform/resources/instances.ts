import type { z } from "zod";
import { isMember } from "../auth";
import { SpaceInstanceCreate, VirtualClusterInstanceCreate } from "../schemas";
import { ConflictError } from "../store";
import { alreadyExists, cannot, notFound } from "../status";
import { compact, listReply, newMeta, objectOf, parseListQuery, readCreate, write } from "./common";
import { projectOfNamespace } from "./projects";
import type { Ctx, Resource, Verb } from "./types";

export const DEFAULT_CLUSTER = "loft-cluster";

/** Non-admins may touch instances only in the namespaces of projects they are members of. */
function authorize(ctx: Ctx, verb: Verb, resource: string, name?: string) {
  const { principal } = ctx;
  if (principal.admin) return;
  const project = ctx.namespace === undefined ? undefined : projectOfNamespace(ctx.namespace);
  if (project && isMember(ctx.platform.store, principal.name, project)) return;
  throw cannot(principal.name, verb, resource, name, ctx.namespace);
}

function instanceResource(
  plural: string,
  singular: string,
  kind: string,
  schema: typeof SpaceInstanceCreate | typeof VirtualClusterInstanceCreate,
): Resource {
  return {
    plural,
    singular,
    kind,
    namespaced: true,
    verbs: ["create", "delete", "get", "list"],
    schema,

    list(ctx) {
      const q = parseListQuery(ctx, this);
      if (ctx.namespace !== undefined) authorize(ctx, "list", plural);
      else if (!ctx.principal.admin) q.memberOf = { user: ctx.principal.name, via: "namespace" };
      return listReply(this, ctx.platform.store.list(plural, q));
    },

    get(ctx, name) {
      authorize(ctx, "get", plural, name);
      const object = ctx.platform.store.get(plural, ctx.namespace ?? "", name);
      if (!object) throw notFound(plural, name);
      return { code: 200, body: object };
    },

    async create(ctx) {
      const { data, name, meta } = await readCreate(ctx, this, schema);
      authorize(ctx, "create", plural, name);
      const namespace = ctx.namespace ?? "";
      const project = projectOfNamespace(namespace);
      const store = ctx.platform.store;
      const parsed = data as z.output<typeof SpaceInstanceCreate>;
      const object = write(ctx, () => {
        if (!project || !store.get("projects", "", project))
          throw notFound("projects", project ?? namespace);
        const spec = compact({
          ...parsed.spec,
          clusterRef: parsed.spec?.clusterRef ?? { cluster: DEFAULT_CLUSTER },
        });
        const o = objectOf(this, newMeta(store, name, meta, namespace), spec, {
          phase: parsed.status?.phase ?? "Ready",
        });
        try {
          store.insert(plural, o, parsed.spec?.displayName ?? "");
        } catch (error) {
          if (error instanceof ConflictError) throw alreadyExists(plural, name);
          throw error;
        }
        return o;
      });
      return { code: 201, body: object };
    },

    delete(ctx, name) {
      authorize(ctx, "delete", plural, name);
      const store = ctx.platform.store;
      const object = write(ctx, () => {
        const o = store.get(plural, ctx.namespace ?? "", name);
        if (!o) throw notFound(plural, name);
        store.delete(plural, ctx.namespace ?? "", name);
        return o;
      });
      return { code: 200, body: object };
    },
  };
}

export const spaceInstances = instanceResource(
  "spaceinstances",
  "spaceinstance",
  "SpaceInstance",
  SpaceInstanceCreate,
);

export const virtualClusterInstances = instanceResource(
  "virtualclusterinstances",
  "virtualclusterinstance",
  "VirtualClusterInstance",
  VirtualClusterInstanceCreate,
);
