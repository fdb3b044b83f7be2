import type { Principal } from "@/lib/session/principal";

/**
 * Which keys the Access keys page lists: the signed-in principal's own (an admin's key lists
 * everyone's), and among them the sign-in and reset keys the platform makes for itself only when
 * asked (`?show=all`).
 */

/** Key types the platform creates itself when someone signs in, resets a password or logs in by OIDC. */
export const SIGN_IN_TYPES: readonly string[] = ["Login", "Reset", "OIDCRefreshToken"];

export const isSignInType = (type: string | undefined) =>
  type !== undefined && SIGN_IN_TYPES.includes(type);

/** The owner fields of a key: a user's key names the user, a team's key the team. */
export interface KeyOwner {
  user?: unknown;
  team?: unknown;
}

/** Whether a key belongs to `principal`: `spec.user` for a user, `spec.team` for a team. */
export function ownedBy(spec: KeyOwner | undefined, principal: Pick<Principal, "kind" | "name">) {
  if (!spec) return false;
  return principal.kind === "Team"
    ? spec.team === principal.name && !spec.user
    : spec.user === principal.name && !spec.team;
}

export interface KeysPageParams {
  /** Also list sign-in and reset keys. */
  showAll: boolean;
}

/** The page's search params; anything unknown is ignored. */
export function readKeysParams(
  params: Record<string, string | string[] | undefined>,
): KeysPageParams {
  return { showAll: params.show === "all" };
}

export const keysHref = (params: KeysPageParams) =>
  params.showAll ? "/access-keys?show=all" : "/access-keys";

/**
 * The keys shown and how many sign-in keys are hidden. The key this session signed in with is always
 * shown, whatever its type: it is the one whose loss signs you out.
 */
export function visibleKeys<K extends { name: string; type: string }>(
  keys: readonly K[],
  params: KeysPageParams,
  currentName: string | undefined,
): { shown: K[]; hidden: number; signInKeys: number } {
  const hideable = (k: K) => isSignInType(k.type) && k.name !== currentName;
  const signInKeys = keys.filter(hideable).length;
  if (params.showAll) return { shown: [...keys], hidden: 0, signInKeys };
  return { shown: keys.filter((k) => !hideable(k)), hidden: signInKeys, signInKeys };
}
