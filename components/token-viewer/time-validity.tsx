"use client";

import type { JWTPayload } from "jose";
import { timeValidity, type TimeState } from "@/lib/token/time";
import { useNow } from "@/components/hooks/use-now";

const BADGES: Record<TimeState, { label: string; icon: string; className: string }> = {
  valid: {
    label: "Valid",
    icon: "✓",
    className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  },
  "no-expiry": {
    label: "Valid",
    icon: "✓",
    className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
  },
  expired: {
    label: "Expired",
    icon: "✕",
    className: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100",
  },
  "not-yet-valid": {
    label: "Not yet valid",
    icon: "…",
    className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
  },
};

/** "h:mm:ss" (with days when longer) for the live countdown. */
function clock(totalSeconds: number): string {
  const s = Math.max(0, totalSeconds);
  const days = Math.floor(s / 86_400);
  const hms = [Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60), s % 60]
    .map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, "0")))
    .join(":");
  return days > 0 ? `${days} d ${hms}` : hms;
}

/** Validity badge, "valid for 3 h 12 min" and a live countdown to `exp` (role=timer, not announced). */
export function TokenTimeValidity({ claims }: { claims: JWTPayload }) {
  const now = useNow();
  if (now === null) return null; // Server render and hydration: no clock yet.
  const validity = timeValidity(claims, now);
  const badge = BADGES[validity.state];
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm"
      data-testid="time-validity"
    >
      <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${badge.className}`}>
        <span aria-hidden="true">{badge.icon} </span>
        {badge.label}
      </span>
      <span>{validity.text}</span>
      {validity.state === "valid" && validity.remaining !== undefined ? (
        <span role="timer" aria-label="Expires in" className="font-mono text-xs tabular-nums">
          expires in {clock(validity.remaining)}
        </span>
      ) : null}
    </div>
  );
}
