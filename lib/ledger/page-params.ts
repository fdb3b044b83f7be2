import type { LedgerFilter } from "@/lib/ledger/store";

/**
 * The Issued tokens page's URL, `?filter=<filter>&after=<cursor>` (both optional), the words of its
 * filters, and the shape of a ledger id (which the ledger routes check before any query).
 */

const ISSUED_PATH = "/tokens/issued";

export const FILTERS: readonly { filter: LedgerFilter; label: string; empty: string }[] = [
  { filter: "all", label: "All", empty: "You have not issued any tokens on this platform yet." },
  { filter: "active", label: "Active", empty: "None of your tokens is active." },
  {
    filter: "expiring",
    label: "Expiring within 7 days",
    empty: "None of your tokens expires within the next 7 days.",
  },
  { filter: "expired", label: "Expired", empty: "None of your tokens has expired." },
  { filter: "revoked", label: "Revoked", empty: "None of your tokens has been revoked." },
];

export interface LedgerPageParams {
  filter: LedgerFilter;
  /** The keyset cursor of the page's first entry's predecessor; undefined = the newest page. */
  after?: string;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Unknown filters read as "all"; a cursor is passed on only when it looks like one. */
export function readPageParams(
  params: Record<string, string | string[] | undefined>,
): LedgerPageParams {
  const filter = first(params.filter);
  const after = first(params.after);
  return {
    filter: FILTERS.find((f) => f.filter === filter)?.filter ?? "all",
    ...(after && /^[A-Za-z0-9_-]{1,512}$/.test(after) ? { after } : {}),
  };
}

/** The page's address for a filter and cursor ("all" and the newest page leave their parameter out). */
export function pageHref({ filter, after }: LedgerPageParams): string {
  const query = new URLSearchParams();
  if (filter !== "all") query.set("filter", filter);
  if (after) query.set("after", after);
  const qs = query.toString();
  return qs ? `${ISSUED_PATH}?${qs}` : ISSUED_PATH;
}

/** Ledger ids are UUIDs; anything else is not worth a query. */
export const isLedgerId = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
