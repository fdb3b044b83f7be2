import { formatDuration } from "@/lib/token/time";

/**
 * When an access key stops working, from what the platform reports (`metadata.creationTimestamp`,
 * `spec.ttl`, `spec.ttlAfterLastActivity`, `status.lastActivity`), and how to say it. Pure: the page
 * computes it on the server and the browser words it again as time passes.
 */

export type KeyExpiry =
  | { kind: "never" }
  /** `ttl` seconds after creation. */
  | { kind: "fixed"; at: number }
  /**
   * `ttl` seconds after the last use. `from` says what `at` counts from: the last use the platform
   * reported, or creation when it reported none (then the key may in fact live longer).
   */
  | { kind: "after-last-use"; at: number; from: "last-use" | "creation"; ttl: number }
  /** A lifetime is set but its start is unknown (no creation time). */
  | { kind: "unknown"; ttl: number; afterLastUse: boolean };

export interface KeyTimes {
  /** ms, or null when the platform sent no readable creationTimestamp. */
  createdAt: number | null;
  /** Seconds; null or 0 = no expiry. */
  ttl: number | null;
  ttlAfterLastActivity: boolean;
  /** ms of the last use the platform reported, or null. */
  lastActivity: number | null;
}

export function keyExpiry(times: KeyTimes): KeyExpiry {
  const { ttl, createdAt, lastActivity } = times;
  if (ttl === null || !(ttl > 0)) return { kind: "never" };
  if (times.ttlAfterLastActivity) {
    // The later of creation and last use: a key never used counts from creation.
    const start =
      lastActivity !== null && (createdAt === null || lastActivity >= createdAt)
        ? { ms: lastActivity, from: "last-use" as const }
        : createdAt !== null
          ? { ms: createdAt, from: "creation" as const }
          : null;
    if (!start) return { kind: "unknown", ttl, afterLastUse: true };
    return { kind: "after-last-use", at: start.ms + ttl * 1000, from: start.from, ttl };
  }
  if (createdAt === null) return { kind: "unknown", ttl, afterLastUse: false };
  return { kind: "fixed", at: createdAt + ttl * 1000 };
}

/** The moment it expires (ms), or null for a key that never does or whose start is unknown. */
export const expiresAt = (expiry: KeyExpiry): number | null =>
  expiry.kind === "fixed" || expiry.kind === "after-last-use" ? expiry.at : null;

export const isExpired = (expiry: KeyExpiry, now: number): boolean => {
  const at = expiresAt(expiry);
  return at !== null && at <= now;
};

/** "in 3 h" / "2 days ago". */
export function relative(ms: number, now: number): string {
  const seconds = (ms - now) / 1000;
  return seconds >= 0 ? `in ${formatDuration(seconds)}` : `${formatDuration(-seconds)} ago`;
}

/**
 * The expiry in words at `now`: "never", "expires in 3 h", "expired 2 days ago", each followed for a
 * key counted from last use by how it is counted.
 */
export function expiryWords(expiry: KeyExpiry, now: number): string {
  switch (expiry.kind) {
    case "never":
      return "never (no time to live)";
    case "unknown":
      return `after ${formatDuration(expiry.ttl)}${expiry.afterLastUse ? " without use" : ""}, counted from a moment the platform did not report`;
    case "fixed":
      return expiry.at > now
        ? `expires ${relative(expiry.at, now)}`
        : `expired ${relative(expiry.at, now)}`;
    case "after-last-use": {
      const when =
        expiry.at > now
          ? `expires ${relative(expiry.at, now)}`
          : `expired ${relative(expiry.at, now)}`;
      const counted =
        expiry.from === "last-use"
          ? `counted from last use: ${formatDuration(expiry.ttl)} after the key was last used`
          : `counted from last use: ${formatDuration(expiry.ttl)} without use; no use reported yet, so counted from creation`;
      return `${when} (${counted})`;
    }
  }
}

/**
 * The last use in words. `tracked` says whether this platform reports use at all (see
 * `activityTracked`): when it does, a key without a last use was never used.
 */
export function lastUseWords(lastActivity: number | null, tracked: boolean, now: number): string {
  if (lastActivity !== null) return relative(lastActivity, now);
  return tracked ? "never used" : "unknown (the platform reports no use of any of your keys)";
}

/**
 * Whether the platform reports last use: the key this session signed in with has certainly been used
 * (it just listed the keys), so its `lastActivity` decides; without it in the list, any key's does.
 */
export function activityTracked(
  keys: readonly { name: string; lastActivity: number | null }[],
  currentName: string | undefined,
): boolean {
  const current = currentName ? keys.find((k) => k.name === currentName) : undefined;
  if (current) return current.lastActivity !== null;
  return keys.some((k) => k.lastActivity !== null);
}

/**
 * A Kubernetes time (RFC 3339 string; a number is read as Unix seconds) as ms, or null when absent
 * or unreadable.
 */
export function readTime(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? value * 1000 : null;
  if (typeof value !== "string" || !value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
