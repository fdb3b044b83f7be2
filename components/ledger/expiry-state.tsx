"use client";

import { useNow } from "@/components/hooks/use-now";
import { expiryText, entryState, STATE_LABEL, type EntryState } from "@/lib/ledger/entry-state";

const BADGE: Record<EntryState, string> = {
  active: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  expiring: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
  expired: "bg-zinc-200 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
  revoked: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100",
};

/**
 * The entry's status badge and "expires in 3 h" / "expired 2 days ago", kept current in the browser.
 * Until hydration it shows the server's moment (`serverNow`), so both render the same markup.
 */
export function ExpiryState({
  expiresAt,
  revokedAt,
  serverNow,
  expiringWithinMs,
}: {
  expiresAt: number | null;
  revokedAt: number | null;
  serverNow: number;
  expiringWithinMs: number;
}) {
  const now = useNow() ?? serverNow;
  const status = entryState({ expiresAt, revokedAt }, now, expiringWithinMs);
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm" data-testid="expiry-status">
      <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${BADGE[status]}`}>
        {STATE_LABEL[status]}
      </span>
      {status === "revoked" ? null : (
        <span className="text-zinc-700 dark:text-zinc-300">{expiryText(expiresAt, now)}</span>
      )}
    </span>
  );
}
