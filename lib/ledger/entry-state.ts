import { formatDuration } from "@/lib/token/time";

/**
 * What the Issued tokens page says about one entry at a moment. No store import: the live state runs
 * in the browser too, so the server passes the store's "expiring" window (EXPIRING_WITHIN_MS) in.
 */

export type EntryState = "active" | "expiring" | "expired" | "revoked";

export const STATE_LABEL: Record<EntryState, string> = {
  active: "Active",
  expiring: "Expiring soon",
  expired: "Expired",
  revoked: "Revoked",
};

interface Times {
  expiresAt: number | null;
  revokedAt: number | null;
}

/**
 * One entry's state at `now`, by the store's filter conditions (lib/ledger/store.ts); an entry
 * expiring soon, which the store's "active" filter lists too, says "expiring".
 */
export function entryState(entry: Times, now: number, expiringWithinMs: number): EntryState {
  if (entry.revokedAt !== null) return "revoked";
  if (entry.expiresAt === null) return "active";
  if (entry.expiresAt <= now) return "expired";
  return entry.expiresAt <= now + expiringWithinMs ? "expiring" : "active";
}

/** "expires in 3 h", "expired 2 days ago", "never expires". */
export function expiryText(expiresAt: number | null, now: number): string {
  if (expiresAt === null) return "never expires";
  const seconds = (expiresAt - now) / 1000;
  return seconds > 0
    ? `expires in ${formatDuration(seconds)}`
    : `expired ${formatDuration(-seconds)} ago`;
}

/** The lifetime the token was issued with (seconds), from its iat and exp. */
export function issuedTtl(entry: { issuedAt: number; expiresAt: number | null }): number | null {
  return entry.expiresAt === null ? null : Math.round((entry.expiresAt - entry.issuedAt) / 1000);
}

/**
 * True for an access key entry asked to count its lifetime from its last use (no expiry date is
 * known for it).
 */
export function countsFromLastUse(entry: { kind?: string; requested: unknown }): boolean {
  const r = entry.requested;
  return (
    entry.kind === "accesskey" &&
    typeof r === "object" &&
    r !== null &&
    (r as { ttlAfterLastActivity?: unknown }).ttlAfterLastActivity === true
  );
}

/**
 * "Asked for 1 day, issued 1 day" and whether the platform changed it. An access key whose lifetime
 * counts from its last use (`fromLastUse`) has no expiry date: its lifetime reads "1 day after the
 * last use".
 */
export function entryLifetimes(entry: {
  requestedTtl: number | null;
  issuedAt: number;
  expiresAt: number | null;
  fromLastUse?: boolean;
}): { requested: string; issued: string; differs: boolean } {
  if (entry.fromLastUse && entry.requestedTtl !== null) {
    const text = `${formatDuration(entry.requestedTtl)} after the last use`;
    return { requested: text, issued: text, differs: false };
  }
  const issued = issuedTtl(entry);
  return {
    requested:
      entry.requestedTtl === null ? "platform default" : formatDuration(entry.requestedTtl),
    issued: issued === null ? "no expiry" : formatDuration(issued),
    differs:
      entry.requestedTtl !== null && (issued === null || Math.abs(issued - entry.requestedTtl) > 1),
  };
}

/** A long id shortened for a row ("a1b2c3d4…f9e8"); the full value goes in a title and a copy button. */
export function shortId(value: string, head = 8, tail = 4): string {
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}
