import "server-only";
import { ManagementError } from "@/lib/management/errors";
import { getUser, raiseTokenGeneration, whoAmI } from "@/lib/management/resources";
import {
  raiseOwnGeneration,
  tokenGenerationOf,
  type OwnGeneration,
  type RaiseOutcome,
} from "@/lib/revocation/generation";

/**
 * The signed-in principal's token generation, read with their own access key: `POST selves` tells a
 * user from a team (whose keys have no `status.user`), then `GET users/<name>`.
 */
export async function readOwnGeneration(
  accessKey: string,
  fallbackName: string,
): Promise<OwnGeneration> {
  let user = fallbackName;
  try {
    const self = await whoAmI(accessKey);
    const status = self.status ?? {};
    if (!status.user && status.team) return { state: "team", team: status.team.name };
    user = status.user?.name ?? fallbackName;
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
export function raiseOwn(accessKey: string, fallbackName: string): Promise<RaiseOutcome> {
  return raiseOwnGeneration({
    read: () => readOwnGeneration(accessKey, fallbackName),
    raise: (user, from, resourceVersion) =>
      raiseTokenGeneration(accessKey, user, from, resourceVersion),
  });
}
