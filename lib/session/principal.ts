/*
 * Who a signed-in key belongs to: a user or a team, by kind and name (and the uid the platform
 * returns, where it does). Every record the console keeps for someone (sessions, the ledger) is keyed
 * this way, so team `ops` and user `ops` never share one.
 */

export type PrincipalKind = "User" | "Team";

export interface Principal {
  kind: PrincipalKind;
  name: string;
  /** `Self.status.uid`, when the platform returns one (v3.3 and later). */
  uid?: string;
}

/** The store's key for a principal: `user:<name>` or `team:<name>` (names cannot hold a colon). */
export const principalKey = (p: Pick<Principal, "kind" | "name">) =>
  `${p.kind === "Team" ? "team" : "user"}:${p.name}`;

interface SelfStatus {
  user?: { name?: string } | null;
  team?: { name?: string } | null;
  uid?: string;
}

/** The principal a `Self` status names: its user, else its team (user is null for team keys). */
export function principalOfSelf(status: SelfStatus): Principal | undefined {
  const uid = typeof status.uid === "string" && status.uid ? { uid: status.uid } : {};
  if (status.user?.name) return { kind: "User", name: status.user.name, ...uid };
  if (status.team?.name) return { kind: "Team", name: status.team.name, ...uid };
  return undefined;
}
