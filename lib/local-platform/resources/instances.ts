import type * as z from "zod/mini";
import { ownerId, type PrincipalKind } from "../auth";
import { isMember } from "../roles";
import { SpaceInstanceCreate, VirtualClusterInstanceCreate } from "../schemas";
import { ConflictError } from "../store";
import { alreadyExists, cannot, notFound } from "../status";
import type { ApiObject, Store } from "../store";
import { DEFAULT_CLUSTER } from "./clusters";
import { readCreate } from "./create";
import { listReply, parseListQuery } from "./list";
import { compact, newMeta, objectOf } from "./new-object";
import { write } from "./write";
import { projectOfNamespace } from "./projects";
import type { Ctx, Reply, Resource, Verb } from "./types";

/** Non-admins may touch instances only in the namespaces of projects they are members of. */
function authorize(ctx: Ctx, verb: Verb, resource: string, name?: string) {
  const { principal } = ctx;
  if (principal.admin) return;
  const prefix = ctx.platform.projectNamespacePrefix;
  const project =
    ctx.namespace === undefined ? undefined : projectOfNamespace(prefix, ctx.namespace);
  if (project && isMember(ctx.platform.store, principal.owner, project)) return;
  throw cannot(principal, verb, resource, name, ctx.namespace);
}

/**
 * Whether a non-admin user or team (`owner`, an owner id: see `ownerId`) may use (connect to) a
 * project's instances: a member unless every one of their memberships of that project has a
 * cluster role ending in `-viewer`. The same rule decides `status.canUse` and who may reach a
 * project's spaces and virtual clusters on the direct endpoint.
 */
export function mayUseProject(store: Store, owner: string, project: string): boolean {
  const members = (store.get("projects", "", project)?.spec.members ?? []) as Array<{
    kind?: string;
    name?: string;
    clusterRole?: string;
  }>;
  return members.some(
    (m) =>
      (m.kind === "User" || m.kind === "Team") &&
      typeof m.name === "string" &&
      ownerId(m.kind as PrincipalKind, m.name) === owner &&
      !(m.clusterRole ?? "").endsWith("-viewer"),
  );
}

/**
 * `extended=true`: `status.canUse` and `status.canUpdate` for the calling user, which the official
 * CLI reads to hide instances it cannot use (reference §6). What a real platform computes is not
 * public; the local rule: admins may use and update everything, a project member may unless every
 * one of their memberships of that project has a cluster role ending in `-viewer`.
 */
function extend(ctx: Ctx, reply: Reply): Reply {
  const { principal, platform } = ctx;
  const byProject = new Map<string, boolean>();
  const usable = (namespace: string) => {
    if (principal.admin) return true;
    const project = projectOfNamespace(platform.projectNamespacePrefix, namespace);
    if (project === undefined) return false;
    let ok = byProject.get(project);
    if (ok === undefined) {
      ok = mayUseProject(platform.store, principal.owner, project);
      byProject.set(project, ok);
    }
    return ok;
  };
  const list = reply.body as { items: ApiObject[] };
  for (const item of list.items) {
    const can = usable(item.metadata.namespace ?? "");
    item.status = { ...item.status, canUse: can, canUpdate: can };
  }
  return reply;
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
      else if (!ctx.principal.admin) {
        const prefix = ctx.platform.projectNamespacePrefix;
        q.memberOf = { user: ctx.principal.owner, via: "namespace", prefix };
      }
      const reply = listReply(this, ctx.platform.store.list(plural, q));
      return ctx.url.searchParams.get("extended") === "true" ? extend(ctx, reply) : reply;
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
      const project = projectOfNamespace(ctx.platform.projectNamespacePrefix, namespace);
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
