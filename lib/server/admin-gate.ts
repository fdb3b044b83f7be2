import type http from "node:http";
import { ADMINS_ONLY, isAdminPath, isConsoleAdmin } from "@/lib/admin/admins";
import { managementBaseUrl, type Config } from "@/lib/config";
import { statusBody } from "@/lib/local-platform/status";
import type { ConsoleStore } from "@/lib/store";
import { readSession } from "@/lib/store/sessions";
import { SECURITY_HEADERS } from "@/lib/server/headers";

/*
 * The admin area's door, in front of Next.js: a request for an admin page or admin JSON route from
 * anyone but a console admin is answered here with a 403 `Status` (401 for a signed-out JSON
 * request; a signed-out page request goes on to Next.js, which sends it to sign-in). Pages, their
 * client navigations and route handlers are all covered by path; server actions, which answer at any
 * URL, check for themselves (lib/admin/guard.ts), as do the pages and routes again.
 */

const SESSION_COOKIES = ["__Host-dce_session", "dce_session"];

/** The request's path as Next.js will route it: decoded, slashes collapsed, no query. */
export function routedPath(url: string): string {
  const raw = url.split(/[?#]/, 1)[0] ?? "/";
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Malformed escapes: Next.js answers 400 for them; judge the raw path.
  }
  return decoded.replace(/\\/g, "/").replace(/\/{2,}/g, "/");
}

/** The value of the session cookie the configuration uses, from a Cookie header. */
function sessionCookie(header: string | undefined, config: Config): string | undefined {
  if (!header) return undefined;
  const wanted = config.secureCookies ? SESSION_COOKIES[0] : SESSION_COOKIES[1];
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === wanted) return part.slice(at + 1).trim();
  }
  return undefined;
}

export type AdminVerdict = "not-admin-path" | "admin" | "signed-out" | "forbidden";

/** Whether a request may reach an admin path. */
export async function adminVerdict(
  req: Pick<http.IncomingMessage, "url" | "headers">,
  store: Pick<ConsoleStore, "db" | "ring">,
  config: Config,
): Promise<AdminVerdict> {
  if (!isAdminPath(routedPath(req.url ?? "/").toLowerCase())) return "not-admin-path";
  const session = await readSession(
    store.db,
    store.ring,
    sessionCookie(req.headers.cookie, config),
  );
  if (!session || session.platform !== managementBaseUrl(config)) return "signed-out";
  return isConsoleAdmin(session.principal, config) ? "admin" : "forbidden";
}

/** Answers a refused admin request: 403 (or 401 for signed-out JSON routes) with a `Status` body. */
export function refuseAdmin(res: http.ServerResponse, code: 401 | 403): void {
  const body = JSON.stringify(
    code === 401
      ? statusBody(401, "Unauthorized", "Sign in to continue.")
      : statusBody(403, "Forbidden", ADMINS_ONLY),
  );
  res.writeHead(code, {
    ...SECURITY_HEADERS,
    "content-type": "application/json",
    "cache-control": "no-store",
  });
  res.end(body);
}
