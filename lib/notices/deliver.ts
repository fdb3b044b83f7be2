import crypto from "node:crypto";

/**
 * One POST of a notice to the webhook. A 2xx answer delivers it; any other status (redirects are
 * not followed), a timeout or a network failure is a failed attempt, told in `error`.
 */

export interface Webhook {
  url: string;
  /** Signs the body: `X-DCE-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>`. */
  secret?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export type DeliveryResult =
  { ok: true; status: number } | { ok: false; status: number | null; error: string };

export const SIGNATURE_HEADER = "x-dce-signature";
/** The notice's id, the same on every attempt: a receiver may drop a repeat it already handled. */
export const NOTICE_ID_HEADER = "x-dce-notice-id";

export function signature(secret: string, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

const ERROR_SNIPPET = 200;

export async function deliver(
  webhook: Webhook,
  noticeId: string,
  body: string,
): Promise<DeliveryResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), webhook.timeoutMs);
  try {
    const response = await (webhook.fetch ?? fetch)(webhook.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [NOTICE_ID_HEADER]: noticeId,
        ...(webhook.secret ? { [SIGNATURE_HEADER]: signature(webhook.secret, body) } : {}),
      },
      body,
      redirect: "manual",
      signal: controller.signal,
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, status: response.status };
    }
    const text = await response.text().catch(() => "");
    const snippet = text.trim().slice(0, ERROR_SNIPPET);
    const error =
      response.status >= 300 && response.status < 400
        ? `HTTP ${response.status}: redirects are not followed`
        : `HTTP ${response.status}${snippet ? `: ${snippet}` : ""}`;
    return { ok: false, status: response.status, error };
  } catch (error) {
    const message = controller.signal.aborted
      ? `no answer within ${webhook.timeoutMs} ms`
      : failureText(error);
    return { ok: false, status: null, error: message };
  } finally {
    clearTimeout(timer);
  }
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:9" — undici hides the reason in `cause`. */
function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
