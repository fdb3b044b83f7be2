import Link from "next/link";
import { FILTERS, pageHref } from "@/lib/ledger/page-params";
import type { LedgerFilter } from "@/lib/ledger/store";

/** Tab-like links, one per filter with its count; the current one has aria-current="page". */
export function LedgerFilters({
  current,
  counts,
}: {
  current: LedgerFilter;
  counts: Record<LedgerFilter, number>;
}) {
  return (
    <nav aria-label="Filter tokens" className="border-b border-zinc-200 dark:border-zinc-800">
      <ul className="-mb-px flex flex-wrap gap-1 text-sm">
        {FILTERS.map(({ filter, label }) => (
          <li key={filter}>
            <Link
              href={pageHref({ filter })}
              aria-current={filter === current ? "page" : undefined}
              aria-label={`${label} (${counts[filter]})`}
              className="inline-flex items-center gap-2 border-b-2 border-transparent px-3 py-2 hover:border-zinc-400 aria-[current=page]:border-sky-700 aria-[current=page]:font-semibold dark:aria-[current=page]:border-sky-400"
            >
              {label}
              <span
                aria-hidden="true"
                className="rounded-full bg-zinc-100 px-2 text-xs tabular-nums dark:bg-zinc-800"
              >
                {counts[filter]}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
