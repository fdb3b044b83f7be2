"use client";

import { useCallback, useSyncExternalStore } from "react";

/**
 * The current time in ms, refreshed every `intervalMs` (countdowns, "expires in"). Null during
 * server rendering and hydration, so server and client HTML agree.
 */
export function useNow(intervalMs = 1000): number | null {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const id = window.setInterval(onChange, intervalMs);
      return () => window.clearInterval(id);
    },
    [intervalMs],
  );
  return useSyncExternalStore(
    subscribe,
    () => Math.floor(Date.now() / intervalMs) * intervalMs,
    () => null,
  );
}
