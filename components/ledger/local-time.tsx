"use client";

import { useSyncExternalStore } from "react";
import { formatClaimDate } from "@/lib/token/time";

const subscribe = () => () => undefined;

/** A moment in the reader's time zone; the server (and hydration) render it in UTC. */
export function LocalTime({ ms }: { ms: number }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const iso = new Date(ms).toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {formatClaimDate(ms / 1000, inBrowser ? {} : { timeZone: "UTC", locale: "en-US" })}
    </time>
  );
}
