import { decodeJwt } from "jose";

/**
 * Resolves once the clock reads `ms` (since the epoch) or later. The local platform refuses a
 * credential from the moment `now >= its expiry`, so waiting for that moment is waiting for the
 * condition itself, not a guessed sleep that a slow machine could outrun.
 */
export async function clockReaches(ms: number): Promise<void> {
  while (Date.now() < ms) await new Promise((resolve) => setTimeout(resolve, ms - Date.now()));
}

/** Resolves once a JWT's own `exp` (seconds) has passed. */
export function tokenExpiry(token: string): Promise<void> {
  const { exp } = decodeJwt(token);
  if (typeof exp !== "number") throw new Error("the token has no numeric exp claim");
  return clockReaches(exp * 1000);
}
