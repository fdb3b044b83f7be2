import { getConfig } from "@/lib/config";

/** The notice settings admins see (never the webhook's path or secret): null when notices are off. */
export interface NoticeSettings {
  /** The webhook's host. */
  host: string;
  /** Seconds before expiry, largest first. */
  thresholds: number[];
  /** Whether deliveries carry a signature (NOTIFY_WEBHOOK_SECRET is set). */
  signed: boolean;
}

export function noticeSettings(): NoticeSettings | null {
  const config = getConfig();
  if (!config.NOTIFY_WEBHOOK_URL) return null;
  return {
    host: new URL(config.NOTIFY_WEBHOOK_URL).host,
    thresholds: config.NOTIFY_THRESHOLDS,
    signed: Boolean(config.NOTIFY_WEBHOOK_SECRET),
  };
}
