import type { JWTPayload } from "jose";

/** Validity of a token's time claims at `now`, in words ("valid for 3 h 12 min"). */

export type TimeState = "valid" | "expired" | "not-yet-valid" | "no-expiry";

export type TimeValidity = {
  state: TimeState;
  /** "valid for 3 h 12 min", "expired 2 days ago", "not yet valid (starts in 5 min)", "valid, never expires". */
  text: string;
  /** Seconds until exp (negative once expired), when the token has an exp. */
  remaining?: number;
};

const seconds = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

export function timeValidity(claims: JWTPayload, now: Date | number = Date.now()): TimeValidity {
  const nowSec = (typeof now === "number" ? now : now.getTime()) / 1000;
  const nbf = seconds(claims.nbf);
  const exp = seconds(claims.exp);
  const remaining = exp === undefined ? undefined : Math.floor(exp - nowSec);
  if (nbf !== undefined && nowSec < nbf) {
    return {
      state: "not-yet-valid",
      text: `not yet valid (starts in ${formatDuration(nbf - nowSec)})`,
      remaining,
    };
  }
  if (exp === undefined) return { state: "no-expiry", text: "valid, never expires" };
  if (nowSec >= exp) {
    return { state: "expired", text: `expired ${formatDuration(nowSec - exp)} ago`, remaining };
  }
  return { state: "valid", text: `valid for ${formatDuration(exp - nowSec)}`, remaining };
}

/** "45 s", "12 min", "3 h 12 min", "2 days", "1 day 4 h": the two largest units, rounded down. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) {
    const d = `${days} ${days === 1 ? "day" : "days"}`;
    return hours > 0 ? `${d} ${hours} h` : d;
  }
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${s} s`;
}

/**
 * A NumericDate claim as a date in the user's time zone (or `timeZone`), e.g.
 * "Mar 4, 2026, 14:05:09 GMT+1". Undefined for a missing or non-numeric claim.
 */
export function formatClaimDate(
  value: unknown,
  options: { timeZone?: string; locale?: string } = {},
): string | undefined {
  const sec = seconds(value);
  if (sec === undefined) return undefined;
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: "medium",
    timeStyle: "long",
    timeZone: options.timeZone,
  }).format(new Date(sec * 1000));
}
