import "server-only";
import { getConfig } from "@/lib/config";

/**
 * Counts one sign-in attempt from `address` in the console store, so every route and every replica
 * shares one budget. Returns 0 when allowed, else the seconds to wait.
 */
export async function takeSignInAttempt(address: string): Promise<number> {
  // Loaded on the first attempt, not with the sign-in page.
  const [{ getStore }, { takeRateLimit }] = await Promise.all([
    import("@/lib/store"),
    import("@/lib/store/guards"),
  ]);
  const store = await getStore();
  return takeRateLimit(store.db, `sign-in:${address}`, getConfig().SIGN_IN_RATE_LIMIT, 60_000);
}
