import Link from "next/link";
import { Button } from "@/components/ui/button";
import { expiresAt, expiryWords, isExpired, lastUseWords } from "@/lib/access-keys/expiry";
import type { AccessKeyView } from "@/lib/access-keys/view";
import { cn } from "@/lib/cn";
import { KeyMoment } from "./key-moment";

const BADGE = "rounded-full px-2 py-0.5 text-xs font-semibold";
const TONE = {
  enabled: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  disabled: "bg-zinc-200 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
  expired: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100",
  current: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-100",
};

function Field({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="break-words">{children}</dd>
    </>
  );
}

/** A key's scope in words: one line, or a list. */
function KeyScope({ lines }: { lines: string[] }) {
  if (lines.length === 1) return <span data-testid="key-scope">{lines[0]}</span>;
  return (
    <ul className="list-disc pl-5" data-testid="key-scope">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** A key's name, type, scope, and when it was made, expires and was last used. */
function KeyFacts({
  view,
  now,
  activityTracked,
}: {
  view: AccessKeyView;
  now: number;
  activityTracked: boolean;
}) {
  const at = expiresAt(view.expiry);
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <Field term="Name">
        <code className="font-mono text-xs">{view.name}</code>
      </Field>
      <Field term="Type">{view.typeLabel}</Field>
      <Field term="Scope">
        <KeyScope lines={view.scope.lines} />
      </Field>
      <Field term="Created">
        {view.createdAt === null ? "unknown" : <KeyMoment ms={view.createdAt} now={now} />}
      </Field>
      <Field term="Expires">
        {at === null ? (
          expiryWords(view.expiry, now)
        ) : (
          <KeyMoment ms={at} now={now} relativeText={expiryWords(view.expiry, now)} />
        )}
      </Field>
      <Field term="Last used">
        {view.lastActivity === null ? (
          lastUseWords(null, activityTracked, now)
        ) : (
          <KeyMoment ms={view.lastActivity} now={now} />
        )}
      </Field>
      {view.disabled ? (
        <Field term="Disabled">The platform refuses this key until it is enabled again.</Field>
      ) : null}
    </dl>
  );
}

/**
 * One of your access keys: what it is, what it reaches, when it was made, last used and expires,
 * and its actions. Its buttons are named "Disable" / "Enable" and "Delete" and described by the
 * key's heading.
 */
export function AccessKeyCard({
  view,
  now,
  activityTracked,
  busy,
  onToggle,
  onDelete,
}: {
  view: AccessKeyView;
  now: number;
  activityTracked: boolean;
  busy: boolean;
  onToggle: () => void;
  onDelete: () => void;
}) {
  const heading = `key-${view.name}`;
  const expired = isExpired(view.expiry, now);
  const state = view.disabled ? "disabled" : expired ? "expired" : "enabled";
  return (
    <article
      aria-labelledby={heading}
      data-testid="access-key"
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={heading} className="font-semibold break-words">
          {view.displayName}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          {view.current ? (
            <span className={cn(BADGE, TONE.current)}>You are signed in with this key</span>
          ) : null}
          <span className={cn(BADGE, TONE[state])} data-testid="key-state">
            {state === "disabled" ? "Disabled" : state === "expired" ? "Expired" : "Enabled"}
          </span>
        </div>
      </div>
      {view.description ? <p className="text-sm break-words">{view.description}</p> : null}
      <KeyFacts view={view} now={now} activityTracked={activityTracked} />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
        <Button variant="secondary" aria-describedby={heading} disabled={busy} onClick={onToggle}>
          {view.disabled ? "Enable" : "Disable"}
        </Button>
        <Button variant="danger" aria-describedby={heading} disabled={busy} onClick={onDelete}>
          Delete
        </Button>
        <Link
          href={view.reissueHref}
          prefetch={false}
          className="underline underline-offset-4 hover:no-underline"
        >
          Issue again with this scope
        </Link>
      </div>
    </article>
  );
}
