import type { Metadata } from "next";
import Link from "next/link";
import { QueryProvider } from "@/components/providers/query-provider";
import { FILTERS, pageHref, readPageParams, type LedgerPageParams } from "@/lib/ledger/page-params";
import { requireSession } from "@/lib/session/require";
import { getStore } from "@/lib/store";
import { ledgerOwnerOf } from "@/lib/ledger/entry";
import { countLedger, EXPIRING_WITHIN_MS, listLedger, type Owner } from "@/lib/ledger/store";
import { LedgerEntryCard } from "@/components/ledger/ledger-entry";
import { LedgerFilters } from "@/components/ledger/ledger-filters";

export const metadata: Metadata = { title: "Issued tokens" };

const PAGE_SIZE = 50;
const linkClass = "underline underline-offset-4 hover:no-underline";

/** One page query and one count query, at one moment. */
async function readLedger(owner: Owner, params: LedgerPageParams) {
  const { db } = await getStore();
  const now = Date.now();
  const [page, counts] = await Promise.all([
    listLedger(db, owner, { filter: params.filter, cursor: params.after, limit: PAGE_SIZE, now }),
    countLedger(db, owner, now),
  ]);
  return { page, counts, now };
}

/**
 * The signed-in user's tokens and access keys on this platform, newest first, 50 a page (keyset cursor in `after`),
 * filtered by status. One page query and one count query; nothing asks the platform.
 */
export default async function IssuedTokensPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = readPageParams(await searchParams);
  const session = await requireSession(pageHref(params));
  const { page, counts, now } = await readLedger(ledgerOwnerOf(session), params);
  const filter = FILTERS.find((f) => f.filter === params.filter)!;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Issued tokens</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every Direct Cluster Endpoint Token and access key you issued on this platform with this
          console, newest first. The platform cannot list tokens, so this console keeps what it
          needs to recognise them — id or key name, fingerprint, scope, times and your note — never
          the tokens or keys themselves.
        </p>
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
          {counts.active > 0 ? (
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

      <LedgerFilters current={params.filter} counts={counts} />

      {page.entries.length === 0 ? (
        <div className="space-y-2 rounded-lg border border-dashed border-zinc-300 p-6 text-center dark:border-zinc-700">
          <p>{params.after ? "No more tokens in this list." : filter.empty}</p>
          <Link href="/tokens/new" className={`text-sm ${linkClass}`}>
            Issue a token
          </Link>
        </div>
      ) : (
        <QueryProvider>
          <ol aria-label={`${filter.label} tokens`} className="space-y-4">
            {page.entries.map((entry) => (
              <li key={entry.id}>
                <LedgerEntryCard
                  entry={entry}
                  serverNow={now}
                  expiringWithinMs={EXPIRING_WITHIN_MS}
                />
              </li>
            ))}
          </ol>
        </QueryProvider>
      )}

      {params.after || page.next ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {params.after ? (
            <Link href={pageHref({ filter: params.filter })} className={linkClass}>
              First page
            </Link>
          ) : (
            <span />
          )}
          {page.next ? (
            <Link
              href={pageHref({ filter: params.filter, after: page.next })}
              className={linkClass}
            >
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {counts[params.filter]} {counts[params.filter] === 1 ? "token" : "tokens"} in this list,{" "}
        {PAGE_SIZE} a page.
      </p>
    </div>
  );
}
