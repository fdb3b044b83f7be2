import { formatDuration } from "@/lib/token/time";
import type { LedgerKind, NoticeEvent } from "@/lib/store/schema";

/**
 * What a notice says: the webhook body (JSON with a Slack-compatible `text`) built from the ledger
 * entry as it was when the notice was made. Never a secret: the ledger keeps none.
 */

/** The entry a notice is about, as sent (and kept in the outbox's `payload`). */
export interface NoticeEntry {
  id: string;
  kind: LedgerKind;
  principal: string;
  user: string;
  credentialName: string | null;
  issuedAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  note: string | null;
}

export interface NoticeBody {
  text: string;
  event: NoticeEvent;
  /** Seconds before expiry the notice was made for; 0 for a revocation. */
  threshold: number;
  entry: NoticeEntry;
  sentAt: string;
}

/**
 * Made on the first notice, not when the server loads this module: a process's first
 * `Intl.DateTimeFormat` loads ICU's locale data (about 5 ms), which a start need not wait for.
 */
let utcFormat: Intl.DateTimeFormat | undefined;

/** "Mar 4, 2026, 14:05 UTC". */
export function formatUtc(ms: number): string {
  utcFormat ??= new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return `${utcFormat.format(new Date(ms))} UTC`;
}

/** Slack reads `<…>` as links and mentions (`<!channel>`): user text is escaped. */
const escapeSlack = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** "Token", "Access key `ci-deploy`". */
function credential(entry: NoticeEntry): string {
  if (entry.kind !== "accesskey") return "Token";
  return entry.credentialName
    ? `Access key \`${escapeSlack(entry.credentialName)}\``
    : "Access key";
}

/**
 * "Token issued by user:alice expires in 21 h 36 min (Mar 4, 2026, 14:05 UTC). Note: deploy bot"
 * — the time left is counted at sending, so a notice sent late after retries still tells the truth.
 */
export function noticeText(event: NoticeEvent, entry: NoticeEntry, now: number): string {
  const who = `${credential(entry)} issued by ${escapeSlack(entry.principal)}`;
  const what =
    event === "revoked"
      ? `was revoked${entry.revokedAt === null ? "" : ` (${formatUtc(entry.revokedAt)})`}`
      : entry.expiresAt === null
        ? "never expires"
        : `expires in ${formatDuration((entry.expiresAt - now) / 1000)} (${formatUtc(entry.expiresAt)})`;
  const note = entry.note?.trim() ? ` Note: ${escapeSlack(entry.note.trim())}` : "";
  return `${who} ${what}.${note}`;
}

/** The exact bytes POSTed (and signed) for one attempt. */
export function noticeBody(
  notice: { event: NoticeEvent; threshold: number; entry: NoticeEntry },
  now: number,
): string {
  const body: NoticeBody = {
    text: noticeText(notice.event, notice.entry, now),
    event: notice.event,
    threshold: notice.threshold,
    entry: notice.entry,
    sentAt: new Date(now).toISOString(),
  };
  return JSON.stringify(body);
}
