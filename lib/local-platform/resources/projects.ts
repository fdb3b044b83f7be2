import { ownerId, type PrincipalKind } from "../auth";
import { isMember } from "../roles";
import { ProjectCreate } from "../schemas";
import { ConflictError, type ApiObject, type Store } from "../store";
import { alreadyExists, cannot, notFound } from "../status";
import { projectClusters } from "./clusters";
import { readCreate } from "./create";
import { listReply, parseListQuery } from "./list";
import { compact, newMeta, objectOf } from "./new-object";
import { write } from "./write";
import type { Resource } from "./types";

const INSTANCE_KINDS = ["spaceinstances", "virtualclusterinstances"] as const;

/** `<prefix><project>`, e.g. `p-demo` with the default prefix. */
export const projectNamespace = (prefix: string, project: string) => `${prefix}${project}`;

/** `p-demo` → `demo` (prefix `p-`); undefined for namespaces that are not project namespaces. */
export const projectOfNamespace = (prefix: string, namespace: string) =>
  namespace.startsWith(prefix) && namespace.length > prefix.length
    ? namespace.slice(prefix.length)
    : undefined;

/**
 * Inserts a project and its membership rows (call inside a transaction): one per `spec.members`
 * entry, keyed by owner id (`ownerId`: the user's name, `team:<name>` for a Team member).
 */
export function insertProject(store: Store, project: ApiObject) {
  const spec = project.spec as {
    displayName?: string;
    members?: Array<{ kind: string; name: string }>;
  };
  store.insert("projects", project, spec.displayName ?? "");
  const add = store.stmt("INSERT OR IGNORE INTO members (user, project) VALUES (?, ?)");
  for (const m of spec.members ?? []) {
    if (m.kind === "User" || m.kind === "Team") {
      add.run(ownerId(m.kind as PrincipalKind, m.name), project.metadata.name);
    }
  }
}

export const projects: Resource = {
  plural: "projects",
  singular: "project",
  kind: "Project",
  namespaced: false,
  verbs: ["create", "delete", "get", "list"],
  schema: ProjectCreate,
  subresources: { clusters: projectClusters },

  list(ctx) {
    const q = parseListQuery(ctx, this);
    if (!ctx.principal.admin) q.memberOf = { user: ctx.principal.owner, via: "name" };
    return listReply(this, ctx.platform.store.list("projects", q));
  },

  get(ctx, name) {
    const { principal } = ctx;
    const store = ctx.platform.store;
    if (!principal.admin && !isMember(store, principal.owner, name)) {
      throw cannot(principal, "get", "projects", name);
    }
    const project = store.get("projects", "", name);
    if (!project) throw notFound("projects", name);
    return { code: 200, body: project };
  },

  async create(ctx) {
    const { data, name, meta } = await readCreate(ctx, this, ProjectCreate);
    if (!ctx.principal.admin) throw cannot(ctx.principal, "create", "projects", name);
    const store = ctx.platform.store;
    const project = write(ctx, () => {
      const p = objectOf(this, newMeta(store, name, meta), compact({ ...data.spec }), {});
      try {
        insertProject(store, p);
      } catch (error) {
        if (error instanceof ConflictError) throw alreadyExists("projects", name);
        throw error;
      }
      return p;
    });
    return { code: 201, body: project };
  },

  delete(ctx, name) {
    if (!ctx.principal.admin) throw cannot(ctx.principal, "delete", "projects", name);
    const store = ctx.platform.store;
    const project = write(ctx, () => {
      const p = store.get("projects", "", name);
      if (!p) throw notFound("projects", name);
      store.deleteNamespace(
        INSTANCE_KINDS,
        projectNamespace(ctx.platform.projectNamespacePrefix, name),
      );
      store.stmt("DELETE FROM members WHERE project = ?").run(name);
      store.delete("projects", "", name);
      return p;
    });
    return { code: 200, body: project };
  },
};
