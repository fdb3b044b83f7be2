import type { Config } from "@/lib/config";
import { principalKey, type Principal } from "@/lib/session/principal";

/**
 * Whether a principal administers the console: its key (`user:NAME` / `team:NAME`) is in
 * CONSOLE_ADMINS. Console admins set the issuance policy, read the organisation audit and see every
 * notice; they gain no rights on the platform, where every call still uses their own access key.
 */
export function isConsoleAdmin(
  principal: Pick<Principal, "kind" | "name"> | undefined | null,
  config: Pick<Config, "CONSOLE_ADMINS">,
): boolean {
  return Boolean(principal) && config.CONSOLE_ADMINS.includes(principalKey(principal!));
}

/** What a refused admin request is told (pages, routes and actions alike). */
export const ADMINS_ONLY = "Only console admins (CONSOLE_ADMINS) may use the admin area.";

/** Paths only console admins may open: the admin pages and their JSON routes. */
export function isAdminPath(pathname: string): boolean {
  const p = pathname.toLowerCase();
  return (
    p === "/admin" || p.startsWith("/admin/") || p === "/api/admin" || p.startsWith("/api/admin/")
  );
}
