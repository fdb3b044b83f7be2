"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getConfig, managementBaseUrl } from "@/lib/config";
import { ManagementError } from "@/lib/management/errors";
import { whoAmI } from "@/lib/management/resources";
import { clientAddress, RateLimiter } from "@/lib/session/rate-limit";
import { clearSession, writeSession } from "@/lib/session/session";

export type SignInState = { error?: string; field?: "accessKey" } | undefined;

const limiter = new RateLimiter(getConfig().SIGN_IN_RATE_LIMIT, 60_000);

/** Checks the key with `POST …/selves` and seals it into the session cookie. */
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const accessKey = String(form.get("accessKey") ?? "").trim();
  const next = safeNext(String(form.get("next") ?? ""));
  const retryAfter = limiter.take(clientAddress(await headers()));
  if (retryAfter > 0) return { error: `Too many sign-in attempts. Try again in ${retryAfter} s.` };
  if (!accessKey) return { error: "Enter your access key.", field: "accessKey" };
  if (accessKey.length > 4096 || /\s/.test(accessKey))
    return { error: "That does not look like an access key.", field: "accessKey" };

  try {
    const self = await whoAmI(accessKey);
    const now = Math.floor(Date.now() / 1000);
    const user = self.status?.user;
    await writeSession({
      accessKey,
      user: user?.name ?? self.status?.subject ?? "unknown",
      displayName: user?.displayName || user?.username || undefined,
      subject: self.status?.subject,
      projectNamespacePrefix: self.status?.projectNamespacePrefix ?? "p-",
      accessKeyScope: self.status?.accessKeyScope,
      iat: now,
      seen: now,
    });
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    if (error.code === 401 || error.code === 403)
      return { error: "The platform did not accept this access key.", field: "accessKey" };
    if (error.retryable)
      return {
        error: `Could not reach the platform at ${managementBaseUrl(getConfig())}. Check that it is running, then try again.`,
      };
    return { error: error.message };
  }
  redirect(next);
}

export async function signOut(): Promise<void> {
  await clearSession();
  redirect("/sign-in");
}

/** Only same-site paths: never an open redirect. */
function safeNext(value: string): string {
  return value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : "/tokens/new";
}
