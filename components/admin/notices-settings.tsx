import { Alert } from "@/components/ui/alert";
import type { NoticeSettings } from "@/lib/notices/settings";
import { formatDuration } from "@/lib/token/time";

const listed = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** What the notices page says about its configuration, or that notices are off. */
export function NoticesSettings({ settings }: { settings: NoticeSettings | null }) {
  if (!settings)
    return (
      <Alert tone="neutral" role="status">
        Notices are off: set NOTIFY_WEBHOOK_URL.
      </Alert>
    );
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      Sent to <strong>{settings.host}</strong>{" "}
      {listed(settings.thresholds.map((s) => formatDuration(s)))} before each credential issued
      through this console expires, and when one is revoked: once per credential and threshold,
      whichever replica sends it, retried until the receiver answers 2xx.{" "}
      {settings.signed
        ? "Each body is signed (X-DCE-Signature: sha256=…, HMAC-SHA256 with NOTIFY_WEBHOOK_SECRET)."
        : "Bodies are not signed: set NOTIFY_WEBHOOK_SECRET to sign them."}{" "}
      Times are UTC.
    </p>
  );
}
