import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { reachesByWildcard } from "@/lib/ledger/reach";
import { countsFromLastUse, entryLifetimes, shortId } from "@/lib/ledger/entry-state";
import { entryScope, entryTitle, reissueState, type EntryScope } from "@/lib/ledger/summary";
import { encodeScopeState } from "@/lib/scope/url-state";
import type { LedgerEntry } from "@/lib/ledger/store";
import { CompareReach } from "./compare-reach";
import { ExpiryState } from "./expiry-state";
import { LocalTime } from "./local-time";

const SHOWN_LINES = 4;

function ScopeWords({ scope }: { scope: EntryScope }) {
  if (scope.state === "unreadable")
    return <p>A scope this console cannot read ({scope.issues.join("; ")}).</p>;
  const { headline, lines, kind } = scope.description;
  const shown = kind === "scoped" ? lines : [];
  return (
    <div data-testid="entry-scope">
      <p>{headline}</p>
      {shown.length ? (
        <ul className="list-disc pl-5">
          {shown.slice(0, SHOWN_LINES).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {shown.length > SHOWN_LINES ? (
        <details>
          <summary className="cursor-pointer">{shown.length - SHOWN_LINES} more</summary>
          <ul className="list-disc pl-5">
            {shown.slice(SHOWN_LINES).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function Copyable({ value, label }: { value: string; label: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <code title={value} className="font-mono text-xs">
        {shortId(value)}
      </code>
      <CopyButton text={value} label={label} />
    </span>
  );
}

const linkClass = "underline underline-offset-4 hover:no-underline";

/** What an entry is: "Token", or "Access key <name>". */
function KindLine({ entry }: { entry: LedgerEntry }) {
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="entry-kind">
      {entry.kind === "accesskey" ? (
        <>
          Access key{" "}
          <code className="font-mono text-xs">{entry.credentialName ?? "(unnamed)"}</code>
        </>
      ) : (
        "Token"
      )}
    </p>
  );
}

/** An entry without an expiry date: never, or (an access key) counted from its last use. */
function noExpiryText(fromLastUse: boolean, ttl: number | null) {
  if (fromLastUse && ttl !== null) return "Counted from last use (no calendar reminder)";
  return "Never (no calendar reminder)";
}

/** An entry's note, credential id, fingerprint, times and lifetime. */
function EntryFacts({ entry }: { entry: LedgerEntry }) {
  const fromLastUse = countsFromLastUse(entry);
  const lifetime = entryLifetimes({ ...entry, fromLastUse });
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {entry.note ? (
        <>
          <dt className="text-zinc-600 dark:text-zinc-400">Note</dt>
          <dd className="break-words">{entry.note}</dd>
        </>
      ) : null}
      {entry.kind === "accesskey" ? (
        <>
          <dt className="text-zinc-600 dark:text-zinc-400">Key name</dt>
          <dd>
            {entry.credentialName ? (
              <Copyable value={entry.credentialName} label="Copy key name" />
            ) : (
              "none"
            )}
          </dd>
        </>
      ) : (
        <>
          <dt className="text-zinc-600 dark:text-zinc-400">Token id</dt>
          <dd>{entry.tokenId ? <Copyable value={entry.tokenId} label="Copy id" /> : "none"}</dd>
        </>
      )}
      <dt className="text-zinc-600 dark:text-zinc-400">Fingerprint</dt>
      <dd>
        <Copyable value={entry.fingerprint} label="Copy fingerprint" />
      </dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Issued</dt>
      <dd>
        <LocalTime ms={entry.issuedAt} />
      </dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Expires</dt>
      <dd>
        {entry.expiresAt === null ? (
          noExpiryText(fromLastUse, entry.requestedTtl)
        ) : (
          <LocalTime ms={entry.expiresAt} />
        )}
      </dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Lifetime</dt>
      <dd>
        requested {lifetime.requested}, issued {lifetime.issued}
        {lifetime.differs ? " (the platform changed it)" : ""}
      </dd>
      {entry.revokedAt !== null ? (
        <>
          <dt className="text-zinc-600 dark:text-zinc-400">Revoked</dt>
          <dd>
            <LocalTime ms={entry.revokedAt} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** What can be done with an entry: issue again, explain, a calendar reminder while it is active. */
function EntryActions({ entry, active }: { entry: LedgerEntry; active: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <Link
        href={`/tokens/new?${encodeScopeState(reissueState(entry))}`}
        prefetch={false}
        className={linkClass}
      >
        Issue again with this scope
      </Link>
      <Link
        href={`/tokens/inspect?entry=${encodeURIComponent(entry.id)}`}
        prefetch={false}
        className={linkClass}
      >
        Explain access
      </Link>
      {active ? (
        <a
          href={`/api/ledger/calendar?id=${encodeURIComponent(entry.id)}`}
          download
          className={linkClass}
        >
          Calendar reminder
        </a>
      ) : null}
    </div>
  );
}

/** One issued token or access key: scope in words, ids, times, state and what can be done with it. */
export function LedgerEntryCard({
  entry,
  serverNow,
  expiringWithinMs,
}: {
  entry: LedgerEntry;
  serverNow: number;
  expiringWithinMs: number;
}) {
  const heading = `entry-${entry.id}`;
  const scope = entryScope(entry);
  const active =
    entry.revokedAt === null && entry.expiresAt !== null && entry.expiresAt > serverNow;
  return (
    <article
      aria-labelledby={heading}
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={heading} className="font-semibold break-words">
            {entryTitle(entry, scope)}
          </h2>
          <KindLine entry={entry} />
        </div>
        <ExpiryState
          expiresAt={entry.expiresAt}
          revokedAt={entry.revokedAt}
          serverNow={serverNow}
          expiringWithinMs={expiringWithinMs}
        />
      </div>
      <div className="text-sm">
        <ScopeWords scope={scope} />
      </div>
      <EntryFacts entry={entry} />
      <EntryActions entry={entry} active={active} />
      {reachesByWildcard(entry.issuedScope) ? <CompareReach id={entry.id} /> : null}
    </article>
  );
}
