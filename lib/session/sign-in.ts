import "server-only";
import { redirect } from "next/navigation";
import { getConfig, managementBaseUrl } from "@/lib/config";
import { ManagementError } from "@/lib/management/errors";
import { getOwnedAccessKey, namespacePrefixOf, whoAmI } from "@/lib/management/resources";
import { readScope } from "@/lib/scope/read";
import { safeNextPath } from "./next-path";
import { principalOfSelf } from "./principal";
import { startSession } from "./session";
import type { SignInState } from "./sign-in-state";
import { takeSignInAttempt } from "./sign-in-throttle";

/**
 * Signing in (the sign-in form's action, app/(auth)/sign-in/actions.ts): counts the attempt under
 * the client's `address`, checks the key with `POST …/selves` and starts a session — the key is kept
 * encrypted in the console store; the cookie carries only the session's random id — then goes to
 * the form's `next` page. A refusal is the form's state, naming the field when it is the key's.
 */
export async function signInWithKey(form: FormData, address: string): Promise<SignInState> {
  const accessKey = String(form.get("accessKey") ?? "").trim();
  const next = safeNextPath(form.get("next"));
  const retryAfter = await takeSignInAttempt(address);
  if (retryAfter > 0) return { error: `Too many sign-in attempts. Try again in ${retryAfter} s.` };
  if (!accessKey) return { error: "Enter your access key.", field: "accessKey" };
  if (accessKey.length > 4096 || /\s/.test(accessKey))
    return { error: "That does not look like an access key.", field: "accessKey" };

  try {
    const self = await whoAmI(accessKey);
    const status = self.status ?? {};
    const principal = principalOfSelf(status);
    if (!principal)
      return {
        error:
          "The platform accepted this access key but did not say which user or team it belongs to (POST selves named neither), so the console cannot keep its records apart from anyone else's.",
        field: "accessKey",
      };
    const owner = status.user ?? status.team;
    const scope = readScope(status.accessKeyScope);
    await startSession(principal, accessKey, {
      displayName: owner?.displayName || status.user?.username || undefined,
      subject: status.subject,
      projectNamespacePrefix: namespacePrefixOf(self),
      accessKeyScope: scope.state === "valid" ? scope.scope : undefined,
      accessKeyScopeNotUnderstood:
        scope.state === "absent"
          ? undefined
          : [
              ...scope.notUnderstood.map((n) => n.field),
              ...(scope.state === "invalid" ? scope.issues : []),
            ],
      accessKeyExpires: status.accessKey ? await keyExpiry(accessKey, status.accessKey) : undefined,
      accessKeyName: status.accessKey || undefined,
    });
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    if (error.code === 401)
      return { error: "The platform did not accept this access key.", field: "accessKey" };
    if (error.code === 403)
      return {
        error:
          "The platform knows this access key, but its scope does not let it read who it belongs to (POST selves). Give the key the loft-cli role (or use an unscoped key) to sign in with it.",
        field: "accessKey",
      };
    if (error.retryable)
      return {
        error: `Could not reach the platform at ${managementBaseUrl(getConfig())}. Check that it is running, then try again.`,
      };
    return { error: error.message };
  }
  redirect(next);
}

/** When the signed-in key expires (seconds), if the platform lets the key read itself. */
async function keyExpiry(accessKey: string, name: string): Promise<number | undefined> {
  try {
    const key = await getOwnedAccessKey(accessKey, name);
    const ttl = key.spec?.ttl;
    const created = Date.parse(key.metadata.creationTimestamp ?? "");
    if (!ttl || key.spec?.ttlAfterLastActivity || Number.isNaN(created)) return undefined;
    return Math.floor(created / 1000) + ttl;
  } catch (error) {
    if (error instanceof ManagementError) return undefined; // not readable: the limit is unknown
    throw error;
  }
}
