import "server-only";
import { forbiddenResult, signedOut, type ActionResult } from "@/lib/actions/result";
import { ADMINS_ONLY, isConsoleAdmin } from "@/lib/admin/admins";
import { statusResponse } from "@/lib/route-handlers";
import { getConfig } from "@/lib/config";
import { getSession, type SessionData } from "@/lib/session/session";

/**
 * The admin area's guards, one per kind of entry point. The server also refuses non-admins at every
 * admin path before Next.js sees the request (lib/server/admin-gate.ts); these hold wherever the
 * code is reached from (a server action answers at any page URL).
 */

/** The session when it is an admin's, else null (signed out or not an admin). */
export async function adminSession(): Promise<SessionData | null> {
  const session = await getSession();
  return session && isConsoleAdmin(session.principal, getConfig()) ? session : null;
}

/** Admin server actions start here: signed out → 401, not an admin → 403, as `Status` codes. */
export function withAdmin<A extends unknown[], T>(
  action: (session: SessionData, ...args: A) => Promise<ActionResult<T>>,
) {
  return async (...args: A): Promise<ActionResult<T>> => {
    const session = await getSession();
    if (!session) return signedOut;
    if (!isConsoleAdmin(session.principal, getConfig())) return forbiddenResult(ADMINS_ONLY);
    return action(session, ...args);
  };
}

/** Admin route handlers: 401 / 403 `Status` before the handler runs. */
export function withAdminRoute<C>(
  handler: (session: SessionData, request: Request, context: C) => Promise<Response>,
) {
  return async (request: Request, context: C): Promise<Response> => {
    const session = await getSession();
    if (!session) return statusResponse(401, "Unauthorized", "Sign in to continue.");
    if (!isConsoleAdmin(session.principal, getConfig()))
      return statusResponse(403, "Forbidden", ADMINS_ONLY);
    return handler(session, request, context);
  };
}
