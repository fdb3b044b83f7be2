import { ADMIN_CLUSTER_ROLE } from "./schemas";
import type { ApiObject, Store } from "./store";

/** Who may do what beyond a key's own scope: platform admins, and project members. */

/** Whether `user` holds the platform's admin cluster role. */
export function isAdmin(user: ApiObject): boolean {
  const roles = user.spec.clusterRoles;
  return (
    Array.isArray(roles) && roles.some((r) => (r as { name?: unknown }).name === ADMIN_CLUSTER_ROLE)
  );
}

/** Whether `owner` (an owner id, see `ownerId`) is a member of `project`. */
export function isMember(store: Store, owner: string, project: string): boolean {
  return (
    store.stmt("SELECT 1 FROM members WHERE user = ? AND project = ?").get(owner, project) !==
    undefined
  );
}
