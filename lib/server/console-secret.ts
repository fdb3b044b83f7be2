import crypto from "node:crypto";

const KEY = Symbol.for("dce-token-console.console-secret");

/**
 * A random secret of this process, which the dashboard sends (header CONSOLE_HEADER) only to its own
 * embedded local platform in the same process. The platform's failed-authentication throttle then
 * leaves the dashboard's own calls alone: people signing in through the dashboard are limited per
 * client address by the sign-in limit, so a flood of wrong keys there cannot lock the dashboard out
 * of its platform. Never sent to a configured PLATFORM_URL.
 */
export const CONSOLE_HEADER = "x-dce-console";

export function consoleSecret(): string {
  const global = globalThis as { [KEY]?: string };
  global[KEY] ??= crypto.randomBytes(32).toString("base64url");
  return global[KEY];
}

export function isConsoleRequest(value: string | string[] | undefined): boolean {
  if (typeof value !== "string") return false;
  const a = Buffer.from(value);
  const b = Buffer.from(consoleSecret());
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
