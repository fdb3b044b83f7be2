"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getConfig, managementBaseUrl } from "@/lib/config";
import { ManagementError } from "@/lib/management/errors";
import { getOwnedAccessKey, namespacePrefixOf, whoAmI } from "@/lib/management/resources";
import { readScope } from "@/lib/scope/read";
import { principalOfSelf } from "@/lib/session/principal";
import { clientAddress } from "@/lib/server/client-address";
import { takeSignInAttempt } from "@/lib/session/sign-in-throttle";
import { safeNextPath } from "@/lib/session/next-path";
import type { SignInState } from "@/lib/session/sign-in-state";
import { endAllSessions, endCurrentSession, startSession } from "@/lib/session/session";

/**
 * Checks the key with `POST …/selves` and starts a session: the key is kept encrypted in the console
 * store; the cookie carries only the session's random id.
 */
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const accessKey = String(form.get("accessKey") ?? "").trim();
  const next = safeNextPath(form.get("next"));
  const retryAfter = await takeSignInAttempt(clientAddress(await headers()));
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

/** Ends this session for good: the cookie, replayed on any replica, is signed out. */
export async function signOut(): Promise<void> {
  await endCurrentSession();
  redirect("/sign-in");
}

/** Ends every session of the signed-in user on this platform, in every browser. */
export async function signOutEverywhere(): Promise<void> {
  const ended = await endAllSessions();
  redirect(`/sign-in?ended=${ended}`);
}
