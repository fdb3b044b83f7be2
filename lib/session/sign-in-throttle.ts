import "server-only";
import { getConfig } from "@/lib/config";
import { getStore } from "@/lib/store";
import { takeRateLimit } from "@/lib/store/guards";

/**
 * Counts one sign-in attempt from `address` in the console store, so every route and every replica
 * shares one budget. Returns 0 when allowed, else the seconds to wait.
 */
export async function takeSignInAttempt(address: string): Promise<number> {
  const store = await getStore();
  return takeRateLimit(store.db, `sign-in:${address}`, getConfig().SIGN_IN_RATE_LIMIT, 60_000);
}
