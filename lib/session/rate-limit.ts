import "server-only";
import { getConfig } from "@/lib/config";
import { RateLimiter } from "@/lib/server/rate-limit";

export { RateLimiter };

/** The address of the nearest hop: the last X-Forwarded-For entry, which our own server appends. */
export function clientAddress(h: Headers): string {
  const forwarded = h.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || h.get("x-real-ip") || "unknown";
}

const SIGN_IN_LIMITER = Symbol.for("dce-token-console.sign-in-limiter");

/**
 * The process's one sign-in limiter. Next.js may load the sign-in action's module once per route
 * bundle that references it, so a module-level limiter was one per page: posting the action to
 * another page's URL got a fresh budget. Kept on globalThis, every route shares it.
 */
export function signInLimiter(): RateLimiter {
  const global = globalThis as { [SIGN_IN_LIMITER]?: RateLimiter };
  global[SIGN_IN_LIMITER] ??= new RateLimiter(getConfig().SIGN_IN_RATE_LIMIT, 60_000);
  return global[SIGN_IN_LIMITER];
}
