"use client";

import { alertClassName } from "@/components/ui/alert";
import { useNow } from "@/components/hooks/use-now";
import { describeScope } from "@/lib/scope/describe";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { formatClaimDate } from "@/lib/token/time";

/** The signed-in access key's own limits, as the session read them from the platform. */
export type KeyLimits = {
  /** The key's scope; undefined = the key is not scoped. */
  scope?: AccessKeyScope;
  /** Fields of the key's scope this console does not understand. */
  notUnderstood: string[];
  /** When the key expires (seconds since the epoch), when the platform says. */
  expires?: number;
};

/** "Your access key is limited to …": what a token or access key issued with it can at most reach. */
export function KeyLimitsPanel({ limits }: { limits: KeyLimits }) {
  const description = limits.scope ? describeScope(limits.scope) : undefined;
  // Dates in the browser's time zone only after hydration (server and client HTML agree).
  const now = useNow(60_000);
  return (
    <section aria-labelledby="key-limits-heading" className={alertClassName("info", "space-y-2")}>
      <h2 id="key-limits-heading" className="font-semibold">
        {description ? "Your access key is limited to …" : "Your access key"}
      </h2>
      {description ? (
        <>
          <ul className="list-disc pl-5">
            {(description.kind === "scoped" ? description.lines : [description.headline]).map(
              (line) => (
                <li key={line}>{line}</li>
              ),
            )}
          </ul>
          <p>
            A token or access key can reach no more than this; the platform refuses a request beyond
            it.
          </p>
        </>
      ) : null}
      {limits.notUnderstood.length ? (
        <p>
          Not understood by this console (left out of the limits above):{" "}
          {limits.notUnderstood.map((field, i) => (
            <span key={field}>
              {i ? ", " : ""}
              <code>{field}</code>
            </span>
          ))}
        </p>
      ) : null}
      {limits.expires !== undefined && now !== null ? (
        <p>
          Your access key expires {formatClaimDate(limits.expires)}; a token or access key cannot
          outlive it.
        </p>
      ) : null}
    </section>
  );
}
