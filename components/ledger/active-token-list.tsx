import type { LedgerSummary } from "@/lib/ledger/summary";
import { formatClaimDate } from "@/lib/token/time";

const when = (ms: number) => formatClaimDate(ms / 1000, { timeZone: "UTC" }) ?? "";

/** The active ledger entries a revocation ends: note, scope in words, issue time and expiry. */
export function ActiveTokenList({
  entries,
  heading,
  empty,
}: {
  entries: LedgerSummary[];
  heading: string;
  empty: string;
}) {
  return (
    <section aria-labelledby="active-tokens" className="space-y-2">
      <h2 id="active-tokens" className="text-lg font-semibold">
        {heading}
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      ) : (
        <ul
          aria-labelledby="active-tokens"
          className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        >
          {entries.map((e) => (
            <li key={e.id} className="space-y-1 p-3 text-sm">
              <p className="font-medium">{e.note ?? <span className="italic">No note</span>}</p>
              <p>{e.scope}</p>
              <p className="text-zinc-600 dark:text-zinc-400">
                Issued <time dateTime={new Date(e.issuedAt).toISOString()}>{when(e.issuedAt)}</time>
                {"; "}
                {e.expiresAt === null ? (
                  "never expires"
                ) : (
                  <>
                    expires{" "}
                    <time dateTime={new Date(e.expiresAt).toISOString()}>{when(e.expiresAt)}</time>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
