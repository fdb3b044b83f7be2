import "server-only";
import { ManagementError } from "@/lib/management/errors";
import { getUser, raiseTokenGeneration, whoAmI } from "@/lib/management/resources";
import {
  raiseOwnGeneration,
  tokenGenerationOf,
  type OwnGeneration,
  type RaiseOutcome,
} from "@/lib/revocation/generation";
import type { Principal } from "@/lib/session/principal";

/**
 * The signed-in principal's token generation, read with their own access key: a team has none (asked
 * nothing); for a user, `POST selves` confirms the key still is a user's, then `GET users/<name>`.
 */
export async function readOwnGeneration(
  accessKey: string,
  principal: Principal,
): Promise<OwnGeneration> {
  if (principal.kind === "Team") return { state: "team", team: principal.name };
  let user = principal.name;
  try {
    const self = await whoAmI(accessKey);
    const status = self.status ?? {};
    if (!status.user && status.team) return { state: "team", team: status.team.name };
    user = status.user?.name ?? principal.name;
    const object = await getUser(accessKey, user);
    const generation = tokenGenerationOf(object.spec);
    if (generation === undefined) {
      const error = new ManagementError(
        `users/${user} has a spec.tokenGeneration that is not a whole number`,
        502,
        "BadGateway",
      );
      return { state: "unreadable", user, error };
    }
    return { state: "user", user, generation, resourceVersion: object.metadata.resourceVersion };
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    return { state: "unreadable", user, error };
  }
}

/** Raises the signed-in user's token generation by one (see raiseOwnGeneration). */
export function raiseOwn(accessKey: string, principal: Principal): Promise<RaiseOutcome> {
  return raiseOwnGeneration({
    read: () => readOwnGeneration(accessKey, principal),
    raise: (user, from, resourceVersion) =>
      raiseTokenGeneration(accessKey, user, from, resourceVersion),
  });
}
