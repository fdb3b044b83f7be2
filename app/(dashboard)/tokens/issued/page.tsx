import type { Metadata } from "next";
import { FILTERS, pageHref, readPageParams, type LedgerPageParams } from "@/lib/ledger/page-params";
import { requireSession } from "@/lib/session/require";
import { getStore } from "@/lib/store";
import { ledgerOwnerOf } from "@/lib/ledger/entry";
import { countLedger, listLedger, type Owner } from "@/lib/ledger/store";
import { LedgerFilters } from "@/components/ledger/ledger-filters";
import { LedgerEntries, LedgerHeader, LedgerPageNav } from "@/components/ledger/ledger-page";

export const metadata: Metadata = { title: "Issued tokens" };

const PAGE_SIZE = 50;

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
      <LedgerHeader activeCount={counts.active} />
      <LedgerFilters current={params.filter} counts={counts} />
      <LedgerEntries
        entries={page.entries}
        label={`${filter.label} tokens`}
        empty={params.after ? "No more tokens in this list." : filter.empty}
        now={now}
      />
      <LedgerPageNav params={params} next={page.next} />
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {counts[params.filter]} {counts[params.filter] === 1 ? "token" : "tokens"} in this list,{" "}
        {PAGE_SIZE} a page.
      </p>
    </div>
  );
}
