import Link from "next/link";
import { QueryProvider } from "@/components/providers/query-provider";
import { pageHref, type LedgerPageParams } from "@/lib/ledger/page-params";
import { EXPIRING_WITHIN_MS, type LedgerEntry } from "@/lib/ledger/store";
import { LedgerEntryCard } from "./ledger-entry";

/** The parts of the Issued tokens page (app/(dashboard)/tokens/issued/page.tsx). */

const linkClass = "underline underline-offset-4 hover:no-underline";

/** The page's heading, what the ledger keeps, calendar reminders and Revoke all. */
export function LedgerHeader({ activeCount }: { activeCount: number }) {
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-semibold tracking-tight">Issued tokens</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Every Direct Cluster Endpoint Token and access key you issued on this platform with this
        console, newest first. The platform cannot list tokens, so this console keeps what it needs
        to recognise them — id or key name, fingerprint, scope, times and your note — never the
        tokens or keys themselves.
      </p>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        {activeCount > 0 ? (
          <a href="/api/ledger/calendar" download className={linkClass}>
            Download reminders for all active tokens
          </a>
        ) : null}
        <Link href="/tokens/issued/revoke" className={linkClass}>
          Revoke all tokens I issued…
        </Link>
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Calendar reminders (.ics) fire before a token expires. Tokens without an expiry get no
        reminder.
      </p>
    </div>
  );
}

/** One page of entries, or what the list holds when it is empty. */
export function LedgerEntries({
  entries,
  label,
  empty,
  now,
}: {
  entries: LedgerEntry[];
  /** The list's accessible name. */
  label: string;
  empty: string;
  now: number;
}) {
  if (entries.length === 0)
    return (
      <div className="space-y-2 rounded-lg border border-dashed border-zinc-300 p-6 text-center dark:border-zinc-700">
        <p>{empty}</p>
        <Link href="/tokens/new" className={`text-sm ${linkClass}`}>
          Issue a token
        </Link>
      </div>
    );
  return (
    <QueryProvider>
      <ol aria-label={label} className="space-y-4">
        {entries.map((entry) => (
          <li key={entry.id}>
            <LedgerEntryCard entry={entry} serverNow={now} expiringWithinMs={EXPIRING_WITHIN_MS} />
          </li>
        ))}
      </ol>
    </QueryProvider>
  );
}

/** First page and Older, when there is more than one page. */
export function LedgerPageNav({ params, next }: { params: LedgerPageParams; next?: string }) {
  if (!params.after && !next) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between text-sm">
      {params.after ? (
        <Link href={pageHref({ filter: params.filter })} className={linkClass}>
          First page
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={pageHref({ filter: params.filter, after: next })} className={linkClass}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}
