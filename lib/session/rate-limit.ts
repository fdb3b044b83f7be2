import "server-only";

export { RateLimiter } from "@/lib/server/rate-limit";

/** The address of the nearest hop: the last X-Forwarded-For entry, which our own server appends. */
export function clientAddress(h: Headers): string {
  const forwarded = h.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || h.get("x-real-ip") || "unknown";
}
