import { formatUtc } from "@/lib/notices/message";

/** A moment as "Mar 4, 2026, 14:05 UTC", machine-readable too. */
export function NoticeTime({ ms }: { ms: number }) {
  return <time dateTime={new Date(ms).toISOString()}>{formatUtc(ms)}</time>;
}
