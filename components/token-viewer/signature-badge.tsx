import type { VerifyResult } from "@/lib/token/verify";

type Shown = VerifyResult | { status: "checking"; reason: string };

const STYLES: Record<Shown["status"], { label: string; icon: string; className: string }> = {
  verified: {
    label: "Signature verified",
    icon: "✓",
    className:
      "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  },
  failed: {
    label: "Signature failed",
    icon: "✕",
    className:
      "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  },
  "not-checked": {
    label: "Signature not checked",
    icon: "?",
    className:
      "border-zinc-300 bg-zinc-50 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
  },
  checking: {
    label: "Checking signature…",
    icon: "…",
    className:
      "border-zinc-300 bg-zinc-50 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
  },
};

/**
 * Verified / failed / not checked, with the reason, in a polite live region so the outcome of an
 * asynchronous check is announced. Expiry is shown elsewhere: it is not a signature failure.
 */
export function SignatureBadge({ result }: { result: Shown }) {
  const style = STYLES[result.status];
  return (
    <div
      role="status"
      aria-live="polite"
      data-status={result.status}
      data-testid="signature-status"
      className={`rounded-md border px-3 py-2 text-sm ${style.className}`}
    >
      <p className="font-semibold">
        <span aria-hidden="true">{style.icon} </span>
        {style.label}
      </p>
      <p className="wrap-anywhere">{result.reason}</p>
    </div>
  );
}
