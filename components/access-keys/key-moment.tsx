import { useSyncExternalStore } from "react";
import { relative } from "@/lib/access-keys/expiry";
import { formatClaimDate } from "@/lib/token/time";

const subscribe = () => () => undefined;

/**
 * A moment as "3 days ago (Mar 4, 2026, 14:05:09 GMT+1)": relative to `now`, then the date in the
 * reader's time zone (UTC on the server and during hydration, so both render the same markup).
 */
export function KeyMoment({
  ms,
  now,
  relativeText,
}: {
  ms: number;
  now: number;
  relativeText?: string;
}) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const iso = new Date(ms).toISOString();
  const date = formatClaimDate(ms / 1000, inBrowser ? {} : { timeZone: "UTC", locale: "en-US" });
  return (
    <>
      {relativeText ?? relative(ms, now)}{" "}
      <span className="text-zinc-600 dark:text-zinc-400">
        (
        <time dateTime={iso} title={iso}>
          {date}
        </time>
        )
      </span>
    </>
  );
}
